/**
 * SEG segment descriptions for OsteoPlan's structure taxonomy (src/lib/anatomy.ts): one segment spec per
 * label id ≥ 1, named and coloured as in the app, tumours in the "Morphologically Altered Structure"
 * category, and the structure key as the code value in the private `99OSTEOPLAN` scheme.
 */
import { STRUCTURES } from '../../lib/anatomy'
import { OSTEOPLAN_CODING_SCHEME, type SegmentSpec } from './exportSeg'

/** Maximum length of a Code Value (SH, PS3.5 Table 6.2-1). */
const SH_MAX = 16

/** Segment specs for every structure of the taxonomy except "outside" (id 0). */
export function anatomySegments(): SegmentSpec[] {
  return STRUCTURES.filter((s) => s.id >= 1).map((s) => ({
    labelValue: s.id,
    label: s.name,
    description: `OsteoPlan structure ${s.key}`,
    color: s.color,
    category: s.tissue === 'tumour' ? 'tumour' : 'anatomy',
    typeCode: {
      value: s.key.length <= SH_MAX ? s.key : `L${s.id}`,
      scheme: OSTEOPLAN_CODING_SCHEME,
      meaning: s.name,
    },
  }))
}
