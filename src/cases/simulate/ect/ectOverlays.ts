/** The ECT result's overlays: the treatment field with its threshold contours, and the uncovered tumour. */
import type { FieldOverlay } from '../../../lib/fieldOverlay'
import type { VolumeGeometry } from '../../../lib/space'
import {
  FIELD_SOURCE,
  FIELD_UNCERTAINTY,
  TUMOUR_IRREVERSIBLE_VPERCM,
  TUMOUR_REVERSIBLE_VPERCM,
} from './ectFacts'

/** Threshold contours of the field overlays (tumour thresholds, FACTS §4.2). */
export const FIELD_CONTOURS: FieldOverlay['contours'] = [
  {
    level: TUMOUR_REVERSIBLE_VPERCM,
    color: '#ffd400',
    label: `${TUMOUR_REVERSIBLE_VPERCM} V/cm: reversible electroporation (tumour)`,
    show3d: true,
  },
  {
    level: TUMOUR_IRREVERSIBLE_VPERCM,
    color: '#ff4040',
    label: `${TUMOUR_IRREVERSIBLE_VPERCM} V/cm: irreversible electroporation (tumour)`,
    show3d: true,
  },
]

/** |E| in V/cm from V/m. */
export function toVPerCm(eVPerM: Float32Array): Float32Array {
  const out = new Float32Array(eVPerM.length)
  for (let v = 0; v < out.length; v++) out[v] = eVPerM[v]! / 100
  return out
}

/** The treatment-field overlay (V/cm) on a grid. */
export function fieldOverlay(
  id: string,
  label: string,
  grid: VolumeGeometry,
  vPerCm: Float32Array,
  extraUncertainty = '',
): FieldOverlay {
  return {
    type: 'field',
    id,
    label,
    unit: 'V/cm',
    grid,
    frames: [{ timeS: 0, data: vPerCm }],
    colormap: 'field',
    range: [200, 1200],
    opacity: 0.55,
    contours: FIELD_CONTOURS,
    source: FIELD_SOURCE,
    uncertainty: `${FIELD_UNCERTAINTY}${extraUncertainty}`,
    visibleByDefault: true,
  }
}

/** The uncovered tumour (mask) as a cyan contour and iso-surface. */
export function uncoveredOverlay(
  grid: VolumeGeometry,
  mask: Uint8Array,
  shown: boolean,
): FieldOverlay {
  return {
    type: 'field',
    id: 'uncovered',
    label: 'Tumour below the reversible threshold',
    unit: '',
    grid,
    frames: [{ timeS: 0, data: Float32Array.from(mask) }],
    colormap: null,
    range: [0.5, 1],
    opacity: 0.5,
    contours: [{ level: 0.5, color: '#00e5ff', label: 'Uncovered tumour', show3d: true }],
    source: `Tumour voxels (phantom labels) where the treatment field is below the tumour's reversible threshold (${TUMOUR_REVERSIBLE_VPERCM} V/cm, FACTS §4.2).`,
    uncertainty:
      'Follows the field contour: about one voxel (1.5 mm) on the CT grid, and the ±10 % threshold uncertainty of the field.',
    visibleByDefault: shown,
  }
}
