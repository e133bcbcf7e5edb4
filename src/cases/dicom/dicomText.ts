/** Reads element values from dicom-parser datasets, honouring Specific Character Set for text. */
import type { DataSet, Element } from 'dicom-parser'
import { latin1Decode, utf8Decode } from './utf8'

/** VRs whose values are character strings (PS3.5 Table 6.2-1). */
export const TEXT_VRS: ReadonlySet<string> = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
])

/** The dataset's bytes (dicom-parser types them loosely). */
export const dataSetBytes = (ds: DataSet): Uint8Array => ds.byteArray as Uint8Array

/** True when (0008,0005) declares UTF-8 (ISO_IR 192); other sets are read as Latin-1. */
export function isUtf8(ds: DataSet): boolean {
  const cs = ds.string('x00080005')
  return cs !== undefined && cs.split('\\').some((s) => s.trim() === 'ISO_IR 192')
}

/** Raw text of an element with trailing spaces and NULs removed (leading spaces kept). */
export function elementText(ds: DataSet, e: Element, utf8: boolean): string {
  const bytes = dataSetBytes(ds).subarray(e.dataOffset, e.dataOffset + e.length)
  return (utf8 ? utf8Decode(bytes) : latin1Decode(bytes)).replace(/[\s\0]+$/, '')
}

/** Text of a tag (`xggggeeee`), trimmed; `undefined` when absent or empty. */
export function textOf(ds: DataSet, tag: string, utf8: boolean): string | undefined {
  const e = ds.elements[tag]
  if (!e || e.length === 0) return undefined
  const t = elementText(ds, e, utf8).trim()
  return t === '' ? undefined : t
}

/** All backslash-separated numbers of a DS/IS tag (leading spaces and exponents allowed). */
export function numbersOf(ds: DataSet, tag: string): number[] | undefined {
  const t = textOf(ds, tag, false)
  if (t === undefined) return undefined
  const values = t.split('\\').map((s) => parseFloat(s.trim()))
  return values.every(Number.isFinite) ? values : undefined
}

/** First number of a DS/IS tag. */
export const numberOf = (ds: DataSet, tag: string): number | undefined => numbersOf(ds, tag)?.[0]
