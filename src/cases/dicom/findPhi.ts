/**
 * Finds the PS3.15 Annex E identifying attributes (phiAttributes.ts) present with a non-empty value in a
 * dataset, including inside sequences, and reports each with a masked preview so the UI can say what is
 * there without displaying it.
 */
import type { DataSet } from 'dicom-parser'
import { dataSetBytes, elementText, isUtf8, TEXT_VRS } from './dicomText'
import { formatTag, phiRuleFor, type PhiCategory } from './phiAttributes'

/** One identifying attribute found in a file. */
export interface PhiFinding {
  /** `(GGGG,EEEE)`, or `private` for the summary of private attributes. */
  readonly tag: string
  readonly name: string
  readonly category: PhiCategory
  /** Masked value, e.g. `M•••••••• (9 characters)`. */
  readonly preview: string
  /** Enclosing sequences, e.g. `(0040,0275) item 1 › `; empty at top level. */
  readonly path: string
}

const DATE_VRS: ReadonlySet<string> = new Set(['DA', 'DT', 'TM'])

/**
 * Masks a value: the first character is kept (not for dates and times, nor values of ≤ 2 characters),
 * the rest become bullets, with the length.
 */
export function maskValue(text: string, category: PhiCategory, vr = ''): string {
  const chars = Array.from(text)
  const shown = category === 'date' || DATE_VRS.has(vr) || chars.length <= 2 ? '' : (chars[0] ?? '')
  const hidden = Math.min(chars.length - (shown ? 1 : 0), 12)
  const more = chars.length - (shown ? 1 : 0) > 12 ? '…' : ''
  const unit = chars.length === 1 ? 'character' : 'characters'
  return `${shown}${'•'.repeat(hidden)}${more} (${chars.length} ${unit})`
}

/** Whether a text value is empty once padding, NULs, empty multi-values and PN separators are removed. */
const isBlank = (text: string, vr: string): boolean =>
  (vr === 'PN' ? text.replace(/[\^=]/g, '') : text).replace(/[\s\0\\]/g, '') === ''

function scan(
  ds: DataSet,
  utf8: boolean,
  path: string,
  out: PhiFinding[],
  privates: { n: number },
): void {
  const elements = ds.elements
  for (const key in elements) {
    const e = elements[key]!
    const tag = parseInt(key.slice(1), 16) >>> 0
    if (tag >>> 16 === 0x0002 || tag >>> 16 === 0xfffe) continue
    const rule = phiRuleFor(tag)
    if (rule?.attribute.category === 'private') {
      privates.n++
      continue
    }
    if (!rule) {
      e.items?.forEach((item, i) => {
        if (item.dataSet) {
          scan(item.dataSet, utf8, `${path}${formatTag(tag)} item ${i + 1} › `, out, privates)
        }
      })
      continue
    }
    const a = rule.attribute
    const vr = e.vr ?? a.vr
    let preview: string | null = null
    if (e.items) {
      if (e.items.length > 0) {
        preview = `sequence with ${e.items.length} item${e.items.length > 1 ? 's' : ''}`
      }
    } else if (e.length > 0) {
      if (TEXT_VRS.has(vr)) {
        const text = elementText(ds, e, utf8)
        if (!isBlank(text, vr)) preview = maskValue(text.trim(), a.category, vr)
      } else {
        const bytes = dataSetBytes(ds).subarray(e.dataOffset, e.dataOffset + e.length)
        if (bytes.some((b) => b !== 0)) preview = `${e.length} bytes of binary data`
      }
    }
    if (preview !== null) {
      out.push({ tag: formatTag(tag), name: a.name, category: a.category, preview, path })
    }
  }
}

/**
 * Lists the identifying attributes present (non-empty) in a parsed dataset, top level and nested. Private
 * attributes are summarised as one finding. UIDs are not reported (OsteoPlan keeps them, see scrubPhi.ts).
 */
export function findPhi(dataSet: DataSet): PhiFinding[] {
  const out: PhiFinding[] = []
  const privates = { n: 0 }
  scan(dataSet, isUtf8(dataSet), '', out, privates)
  if (privates.n > 0) {
    out.push({
      tag: 'private',
      name: 'Private (vendor-specific) attributes',
      category: 'private',
      preview: `${privates.n} element${privates.n > 1 ? 's' : ''}, contents not inspected`,
      path: '',
    })
  }
  return out
}
