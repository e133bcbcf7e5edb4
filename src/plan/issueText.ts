/**
 * Turns schema validation issues into plain-words messages that start with the JSON path of the field,
 * e.g. "devices[0].powerW must be between 1 and 250 W (got 5000)". Echoed input is sanitised, so an error
 * message can never carry markup from the file either.
 */
import type { z } from 'zod'
import { sanitizeText } from './sanitizeText'

/** Formats a JSON path as `devices[0].tipMm[2]`; the root is "the plan". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out === '' ? String(p) : `.${String(p)}`
  }
  return out === '' ? 'the plan' : out
}

/** A short, safe rendering of a value found in the file. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (typeof v === 'string') return `"${sanitizeText(v, { maxLength: 40 })}"`
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v)
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return 'a list'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
}

const listValues = (values: readonly unknown[]): string =>
  values.map((v) => describeValue(v)).join(', ')

/**
 * Per-parse error map for plan files: plain words for the structural issues that the schema does not word
 * itself (missing objects, unknown keys, unknown kinds, enum values). Schema-level messages win over it.
 */
export const planErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[iss.expected] ?? iss.expected
      return iss.input === undefined
        ? `is missing (expected ${expected})`
        : `must be ${expected}, not ${describeValue(iss.input)}`
    }
    case 'unrecognized_keys':
      return `has ${iss.keys.length === 1 ? 'an unknown field' : 'unknown fields'}: ${iss.keys.join(', ')}`
    case 'invalid_union':
      if (iss.discriminator !== undefined && 'options' in iss && Array.isArray(iss.options)) {
        const options = (iss.options as unknown[]).map(String).join(', ')
        const input = iss.input
        const got =
          typeof input === 'object' && input !== null && !Array.isArray(input)
            ? (input as Record<string, unknown>)[iss.discriminator]
            : input
        return `must be one of ${options} (got ${describeValue(got)})`
      }
      return `does not match any allowed form (got ${describeValue(iss.input)})`
    case 'invalid_value':
      return iss.values.length === 1
        ? `must be ${listValues(iss.values)} (got ${describeValue(iss.input)})`
        : `must be one of ${listValues(iss.values)} (got ${describeValue(iss.input)})`
    case 'too_big':
      return iss.origin === 'array'
        ? `has too many items (at most ${String(iss.maximum)})`
        : `is too large (at most ${String(iss.maximum)})`
    case 'too_small':
      return iss.origin === 'array'
        ? `has too few items (at least ${String(iss.minimum)})`
        : `is too small (at least ${String(iss.minimum)})`
    case 'custom':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      // Custom checks and formats carry their own words; the rest do not occur in plan schemas.
      return undefined
  }
}

/** Formats issues as "path message" lines, in the order zod reported them, without duplicates. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.map((iss) => `${formatPath(iss.path)} ${iss.message}`)
  return [...new Set(lines)]
}
