/**
 * Removes or empties the PS3.15 Annex E identifying attributes (phiAttributes.ts) in a DICOM file, at any
 * depth, by rewriting the byte stream: every element that is kept is copied byte for byte (so Pixel Data is
 * untouched), sequences whose contents changed get new lengths, group-length elements are dropped, the
 * preamble is zeroed, and Patient Identity Removed = YES plus De-identification Method are set.
 *
 * What it does NOT do (so the method text does not claim the Basic Profile): UIDs are kept (slices must
 * still group into series in this app), burned-in pixel text is not detected, and D (dummy) actions are
 * applied as removal. Files stay in their transfer syntax; raw datasets gain a Part-10 header.
 */
import { deflateSync } from 'fflate'
import { isDicomProblem, type DicomProblem } from './dicomProblem'
import {
  concatBytes,
  encodeHeader,
  encodeItemHeader,
  encodeTextElement,
  UNDEFINED_LENGTH,
} from './encodeElement'
import { phiRuleFor, type PhiAction, type PhiCategory } from './phiAttributes'
import { readFileLayout } from './readFileLayout'
import { type RawElement, type Syntax } from './walkDataset'
import { ensurePart10 } from './ensurePart10'

/** De-identification Method written by scrubPhi (LO, ≤ 64 characters). */
export const SCRUB_DEIDENTIFICATION_METHOD =
  'OsteoPlan scrubPhi: PS3.15 E.1-1 attributes removed; UIDs kept'

/** What to keep. */
export interface ScrubOptions {
  /** Categories left untouched (e.g. `['description']` keeps series descriptions). */
  readonly keepCategories?: readonly PhiCategory[]
}

const ITEM = 0xfffee000
const ITEM_DELIM = 0xfffee00d
const SEQ_DELIM = 0xfffee0dd
const PATIENT_IDENTITY_REMOVED = 0x00120062
const DEIDENTIFICATION_METHOD = 0x00120063

type Decide = (tag: number, depth: number) => PhiAction | 'keep'

/** Re-emits `elements`; returns the chunks and whether anything changed. */
function rebuild(
  b: Uint8Array,
  elements: readonly RawElement[],
  s: Syntax,
  decide: Decide,
  depth: number,
): { chunks: Uint8Array[]; changed: boolean } {
  const chunks: Uint8Array[] = []
  let changed = false
  for (const e of elements) {
    const action = decide(e.tag, depth)
    if (action === 'remove') {
      changed = true
      continue
    }
    if (action === 'empty') {
      changed = true
      chunks.push(encodeHeader(e.tag, e.vr, 0, s))
      continue
    }
    const items = e.items
    if (!items || items.some((it) => it.elements === null)) {
      chunks.push(b.subarray(e.start, e.end))
      continue
    }
    const is = e.itemSyntax
    const itemChunks: Uint8Array[] = []
    let itemsChanged = false
    for (const it of items) {
      const inner = rebuild(b, it.elements ?? [], is, decide, depth + 1)
      itemsChanged ||= inner.changed
      const content = concatBytes(inner.chunks)
      if (it.undefinedLength) {
        itemChunks.push(
          encodeItemHeader(ITEM, UNDEFINED_LENGTH, is),
          content,
          encodeItemHeader(ITEM_DELIM, 0, is),
        )
      } else itemChunks.push(encodeItemHeader(ITEM, content.length, is), content)
    }
    if (!itemsChanged) {
      chunks.push(b.subarray(e.start, e.end))
      continue
    }
    changed = true
    const body = concatBytes(itemChunks)
    // One chunk per element, so top-level chunks stay aligned with the kept elements.
    chunks.push(
      e.undefinedLength
        ? concatBytes([
            encodeHeader(e.tag, e.vr, UNDEFINED_LENGTH, s),
            body,
            encodeItemHeader(SEQ_DELIM, 0, is),
          ])
        : concatBytes([encodeHeader(e.tag, e.vr, body.length, s), body]),
    )
  }
  return { chunks, changed }
}

/**
 * Returns a copy of the Part-10 (or raw) file with the profile's identifying attributes removed or emptied
 * and Patient Identity Removed / De-identification Method set; a `DicomProblem` if it cannot be read.
 */
export function scrubPhi(bytes: Uint8Array, options: ScrubOptions = {}): Uint8Array | DicomProblem {
  const layout = readFileLayout(bytes)
  if (isDicomProblem(layout)) return layout
  const keep = new Set(options.keepCategories ?? [])
  const decide: Decide = (tag, depth) => {
    if ((tag & 0xffff) === 0 && tag >>> 16 !== 0x0002) return 'remove'
    if (depth === 0 && (tag === PATIENT_IDENTITY_REMOVED || tag === DEIDENTIFICATION_METHOD)) {
      return 'remove'
    }
    const rule = phiRuleFor(tag)
    return !rule || keep.has(rule.attribute.category) ? 'keep' : rule.action
  }
  const s = layout.syntax
  const top = rebuild(layout.body, layout.elements, s, decide, 0)
  const marks = concatBytes([
    encodeTextElement(PATIENT_IDENTITY_REMOVED, 'CS', 'YES', s),
    encodeTextElement(DEIDENTIFICATION_METHOD, 'LO', SCRUB_DEIDENTIFICATION_METHOD, s),
  ])
  // Insert the two marks in tag order: before the first kept top-level element after (0012,0063).
  const kept = layout.elements.filter((e) => decide(e.tag, 0) !== 'remove')
  const at = kept.findIndex((e) => e.tag > DEIDENTIFICATION_METHOD)
  const chunks = [...top.chunks]
  chunks.splice(at < 0 ? chunks.length : at, 0, marks)
  const dataset = concatBytes(chunks)
  const body = layout.deflated ? deflateSync(dataset) : dataset
  if (layout.part10) {
    const header = new Uint8Array(layout.metaEnd)
    header.set(bytes.subarray(128, layout.metaEnd), 128)
    return concatBytes([header, body])
  }
  // A raw dataset: give it a Part-10 header around the rewritten body.
  return ensurePart10(body)
}
