/**
 * Plan files and share links. Reading never throws: it returns the plan with warnings, or plain-words
 * errors that name the JSON path. A share link is the compact JSON, deflated (fflate) and base64url-encoded
 * without padding, so the round trip is exact.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import { decodeBase64Url, encodeBase64Url } from './base64url'
import { formatIssues, formatPath, planErrorMap } from './issueText'
import { migrateRaw, PlanFileError } from './migrations'
import { sanitizeText } from './sanitizeText'
import { PlanSchema, type Plan } from './schema'

/** Result of reading a plan file or link. */
export type PlanParseResult =
  | { readonly ok: true; readonly plan: Plan; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] }

/** Largest plan file read, characters (a full painted mask stays well below). */
export const MAX_PLAN_FILE_CHARS = 4_000_000
/** Longest share-link payload accepted, characters. */
export const MAX_URL_PAYLOAD_CHARS = 65_536
/** Largest inflated share-link payload, bytes: caps what a crafted link can make us allocate. */
export const MAX_URL_INFLATED_BYTES = 1_048_576

/** Serialises a plan as indented JSON with a final newline. */
export function planToJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`
}

/** Deletes the object keys reported as unknown; returns one warning per removed key. */
function stripUnknownKeys(
  root: unknown,
  issues: readonly { path: PropertyKey[]; keys: string[] }[],
): string[] {
  const warnings: string[] = []
  for (const iss of issues) {
    let node: unknown = root
    for (const p of iss.path) {
      node =
        typeof node === 'object' && node !== null
          ? (node as Record<PropertyKey, unknown>)[p]
          : undefined
    }
    if (typeof node !== 'object' || node === null) continue
    for (const key of iss.keys) {
      delete (node as Record<string, unknown>)[key]
      warnings.push(`${formatPath([...iss.path, key])} is not a known field and was ignored`)
    }
  }
  return warnings
}

/** Validates an already-parsed value (any supported version). */
function parsePlanValue(raw: unknown): PlanParseResult {
  let migrated
  try {
    migrated = migrateRaw(raw)
  } catch (e) {
    if (e instanceof PlanFileError) return { ok: false, errors: e.errors }
    throw e
  }
  const warnings = [...migrated.applied]
  // The value is our own JSON.parse result (or a fresh migration output), so stripping keys in place is safe.
  const value = migrated.value
  // Unknown fields alone are not fatal: strip them and say so. Anything else is an error. Two passes cover
  // unknown keys nested inside objects that only validate once their parent's keys are clean.
  for (let pass = 0; pass < 3; pass++) {
    const parsed = PlanSchema.safeParse(value, { error: planErrorMap, reportInput: true })
    if (parsed.success) return { ok: true, plan: parsed.data, warnings }
    const issues = parsed.error.issues
    if (!issues.every((i) => i.code === 'unrecognized_keys')) {
      return { ok: false, errors: formatIssues(issues) }
    }
    warnings.push(...stripUnknownKeys(value, issues))
  }
  return { ok: false, errors: ['the plan has unknown fields that could not be removed'] }
}

/** Reads plan-file text: JSON → migrations → schema. */
export function parsePlanFile(text: string): PlanParseResult {
  if (text.length > MAX_PLAN_FILE_CHARS) {
    return {
      ok: false,
      errors: [`the file is too large (${text.length} characters; at most ${MAX_PLAN_FILE_CHARS})`],
    }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    const why = e instanceof Error ? sanitizeText(e.message, { maxLength: 160 }) : 'unreadable'
    return { ok: false, errors: [`the file is not valid JSON (${why})`] }
  }
  return parsePlanValue(raw)
}

/** Encodes a plan for a URL fragment: deflate + base64url, no padding. */
export function encodePlanForUrl(plan: Plan): string {
  return encodeBase64Url(deflateSync(strToU8(JSON.stringify(plan)), { level: 9 }))
}

/** Decodes a share-link fragment (with or without the leading '#') back into a plan. */
export function decodePlanFromUrl(fragment: string): PlanParseResult {
  const payload = fragment.startsWith('#') ? fragment.slice(1) : fragment
  if (payload.length > MAX_URL_PAYLOAD_CHARS) {
    return {
      ok: false,
      errors: [
        `the link is too long (${payload.length} characters; at most ${MAX_URL_PAYLOAD_CHARS})`,
      ],
    }
  }
  const bytes = decodeBase64Url(payload)
  if (!bytes) {
    return {
      ok: false,
      errors: ['the link is damaged: it contains characters that are not base64url'],
    }
  }
  let inflated: Uint8Array
  try {
    // One byte of headroom tells "exactly at the limit" from "truncated at the limit".
    inflated = inflateSync(bytes, { out: new Uint8Array(MAX_URL_INFLATED_BYTES + 1) })
  } catch {
    return { ok: false, errors: ['the link is damaged: its compressed data cannot be read'] }
  }
  if (inflated.length > MAX_URL_INFLATED_BYTES) {
    return { ok: false, errors: [`the link expands to more than ${MAX_URL_INFLATED_BYTES} bytes`] }
  }
  let text: string
  try {
    text = strFromU8(inflated)
  } catch {
    return { ok: false, errors: ['the link is damaged: its text is not valid UTF-8'] }
  }
  return parsePlanFile(text)
}
