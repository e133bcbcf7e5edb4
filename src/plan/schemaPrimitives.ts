/**
 * Building blocks of the plan schema: bounded numbers, safe text, ids and LPS millimetre tuples. Every
 * rejection message names the allowed range or form; the JSON path of the field is added by
 * `formatIssues`, so a message reads "devices[0].powerW must be between 1 and 250 (got 5000)".
 */
import { z } from 'zod'
import { describeValue } from './issueText'
import { isSafeText } from './sanitizeText'

const numberBase = (what: string): z.ZodNumber =>
  z.number({
    error: (iss) =>
      iss.input === undefined
        ? `is missing (${what})`
        : `must be ${what}, not ${describeValue(iss.input)}`,
  })

/**
 * A finite number in [min, max]. NaN and ±Infinity are rejected (zod 4 numbers are finite).
 * @param unit shown after the range, e.g. 'W'; the field name carries the unit too (`powerW`).
 */
export function boundedNumber(min: number, max: number, unit = ''): z.ZodNumber {
  const range = `between ${min} and ${max}${unit ? ` ${unit}` : ''}`
  const msg = (iss: { input?: unknown }): string => `must be ${range} (got ${String(iss.input)})`
  return numberBase(`a number ${range}`).min(min, { error: msg }).max(max, { error: msg })
}

/** An integer in [min, max]. */
export function boundedInt(min: number, max: number, unit = ''): z.ZodNumber {
  const range = `between ${min} and ${max}${unit ? ` ${unit}` : ''}`
  const msg = (iss: { input?: unknown }): string =>
    `must be a whole number ${range} (got ${String(iss.input)})`
  return numberBase(`a whole number ${range}`)
    .int({ error: msg })
    .min(min, { error: msg })
    .max(max, { error: msg })
}

/**
 * Free text shown to users: at most `maxLength` characters, no control characters, bidi overrides or
 * angle brackets (see `sanitizeText`), so nothing in a plan can carry markup.
 */
export function safeText(
  maxLength: number,
  options: { minLength?: number; isMultiLine?: boolean } = {},
) {
  const minLength = options.minLength ?? 0
  const isMultiLine = options.isMultiLine ?? false
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? 'is missing (text)'
          : `must be text, not ${describeValue(iss.input)}`,
    })
    .min(minLength, { error: `must not be empty` })
    .max(maxLength, {
      error: (iss) =>
        `is too long: at most ${maxLength} characters (got ${typeof iss.input === 'string' ? iss.input.length : '?'})`,
    })
    .refine((s) => isSafeText(s, isMultiLine), {
      error: isMultiLine
        ? 'must be plain text: no control characters and no < or > (markup is not allowed)'
        : 'must be plain single-line text: no control characters, line breaks, or < and > (markup is not allowed)',
    })
}

/** Form of an id: a letter or digit, then letters, digits, '.', '_' or '-'; 1–40 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

/** An identifier (device, target, case, vessel ids). */
export const idString = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? 'is missing (an id)'
        : `must be an id, not ${describeValue(iss.input)}`,
  })
  .regex(ID_PATTERN, {
    error:
      'must be an id of 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit',
  })

/** Largest |coordinate| accepted for a point in LPS millimetres: 2 m covers any scanner field of view. */
export const MAX_COORD_MM = 2000

/** A point (or offset) in DICOM LPS millimetres, stored as a 3-tuple. */
export const pointMm = z.tuple([
  boundedNumber(-MAX_COORD_MM, MAX_COORD_MM, 'mm'),
  boundedNumber(-MAX_COORD_MM, MAX_COORD_MM, 'mm'),
  boundedNumber(-MAX_COORD_MM, MAX_COORD_MM, 'mm'),
])

/** Tolerance on |v| − 1 for stored unit vectors: loose enough for 6-digit JSON, tight enough to matter. */
export const UNIT_TOLERANCE = 1e-3

/** A unit direction in LPS (length 1 within {@link UNIT_TOLERANCE}). */
export const unitVector = z
  .tuple([boundedNumber(-1, 1), boundedNumber(-1, 1), boundedNumber(-1, 1)])
  .refine((v) => Math.abs(Math.hypot(v[0], v[1], v[2]) - 1) <= UNIT_TOLERANCE, {
    error: `must be a unit vector (length 1 ± ${UNIT_TOLERANCE})`,
  })

/** Form of a geometry fingerprint (see `geometryFingerprint`). */
export const FINGERPRINT_PATTERN = /^g1-[0-9a-f]{16}$/

/** A geometry fingerprint string. */
export const fingerprintString = z.string().regex(FINGERPRINT_PATTERN, {
  error: 'must be a geometry fingerprint such as "g1-0123456789abcdef"',
})
