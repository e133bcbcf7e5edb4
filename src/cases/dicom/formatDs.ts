/** DICOM numeric-string formatting (PS3.5 §6.2: DS is at most 16 bytes, IS at most 12). */
import { assert } from '../../lib/assert'

/** Maximum length of one Decimal String value (PS3.5 Table 6.2-1). */
export const DS_MAX_CHARS = 16

function stripTrailingZeros(text: string): string {
  const e = text.search(/e/i)
  const mantissa = e < 0 ? text : text.slice(0, e)
  const exponent = e < 0 ? '' : text.slice(e)
  if (!mantissa.includes('.')) return text
  return mantissa.replace(/0+$/, '').replace(/\.$/, '') + exponent
}

/**
 * Formats a finite number as a DICOM Decimal String of at most 16 characters: the exact round-trip form
 * when it fits, otherwise the most significant digits that fit, in fixed or exponent notation whichever
 * keeps more. For |value| in [1e-5, 1e10] that is ≥ 11 significant digits: relative error ≤ 5e-11.
 */
export function formatDs(value: number): string {
  assert(Number.isFinite(value), `formatDs: ${value} is not a finite number`)
  if (value === 0) return '0'
  const exact = String(value)
  if (exact.length <= DS_MAX_CHARS) return exact
  for (let digits = 15; digits >= 1; digits--) {
    for (const text of [value.toPrecision(digits), value.toExponential(digits - 1)]) {
      const short = stripTrailingZeros(text)
      if (short.length <= DS_MAX_CHARS) return short
    }
  }
  throw new Error(`formatDs: cannot fit ${value} into ${DS_MAX_CHARS} characters`)
}

/** Formats an integer as a DICOM Integer String (range −2³¹ … 2³¹−1). */
export function formatIs(value: number): string {
  assert(
    Number.isInteger(value) && value >= -2147483648 && value <= 2147483647,
    `formatIs: ${value} is not a 32-bit integer`,
  )
  return String(value)
}
