/**
 * The app's URL contract (keep stable; tests and outside checks rely on it):
 * `?case=<id>` opens a built-in case; `crosshair=<L>,<P>,<S>` (DICOM LPS mm) sets the crosshair.
 */
import type { Vec3 } from './vec3'

/** Parsed URL parameters; fields are absent when not given or invalid. */
export interface AppParams {
  readonly caseId?: string
  readonly crosshairMm?: Vec3
  /** Problems found while parsing, in plain words (shown to the user, never thrown). */
  readonly problems: readonly string[]
}

const CASE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/

/** Read access to query parameters, e.g. a `URLSearchParams` (kept abstract so this stays DOM-free). */
export interface ParamSource {
  get(name: string): string | null
}

/** Parses the app's query parameters. Pure: the caller passes `new URLSearchParams(location.search)`. */
export function parseAppParams(q: ParamSource): AppParams {
  const problems: string[] = []
  let caseId: string | undefined
  let crosshairMm: Vec3 | undefined
  const c = q.get('case')
  if (c !== null) {
    if (CASE_ID.test(c)) caseId = c
    else problems.push(`The case id in the address is not valid: "${c.slice(0, 40)}".`)
  }
  const x = q.get('crosshair')
  if (x !== null) {
    const parts = x.split(',').map((part) => Number(part.trim()))
    if (parts.length === 3 && parts.every((v) => Number.isFinite(v) && Math.abs(v) < 1e5)) {
      crosshairMm = [parts[0]!, parts[1]!, parts[2]!]
    } else {
      problems.push(
        `The crosshair in the address must be three numbers in mm (L,P,S), got "${x.slice(0, 40)}".`,
      )
    }
  }
  return { ...(caseId ? { caseId } : {}), ...(crosshairMm ? { crosshairMm } : {}), problems }
}
