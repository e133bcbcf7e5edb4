/**
 * Which scan a plan belongs to: the scan reference of the shown volume, comparing references, and the
 * reason a plan cannot simply be opened on the shown scan. Pure.
 */
import type { CtVolume } from '../../cases/volume'
import { geometryFingerprint, PLAN_VERSION, type Plan, type ScanRef } from '../../plan'

/** Why a plan offered from a file or a link is waiting instead of open. */
export type PendingReason =
  /** The scan is still loading; the plan opens when it is ready if it matches. */
  | 'waiting'
  /** The plan was made on another built-in case: the user may switch to it. */
  | 'otherCase'
  /** The plan was made on a loaded scan with another geometry fingerprint (or on no loaded scan). */
  | 'otherScan'

/** A plan from a file or a link that needs the user's decision (or the right scan) before it opens. */
export interface PendingPlan {
  readonly plan: Plan
  readonly source: 'file' | 'link'
  readonly reason: PendingReason
}

/** The scan reference of a volume: the case id for built-in cases, the geometry fingerprint otherwise. */
export function scanRefOf(volume: CtVolume, caseId: string): ScanRef {
  return volume.source === 'builtin'
    ? { kind: 'builtin', caseId }
    : { kind: 'loaded', fingerprint: geometryFingerprint(volume.geometry) }
}

/** True when two scan references name the same scan. */
export function sameScan(a: ScanRef, b: ScanRef): boolean {
  if (a.kind === 'builtin') return b.kind === 'builtin' && a.caseId === b.caseId
  return b.kind === 'loaded' && a.fingerprint === b.fingerprint
}

/** A stable text key of a scan reference. */
export const scanKey = (s: ScanRef): string =>
  s.kind === 'builtin' ? `builtin:${s.caseId}` : `loaded:${s.fingerprint}`

/** Why a plan for `planScan` cannot open on `shown`. */
export const mismatchReason = (planScan: ScanRef): PendingReason =>
  planScan.kind === 'builtin' ? 'otherCase' : 'otherScan'

/** The default title of a new plan. */
export const NEW_PLAN_TITLE = 'Untitled plan'

/** An empty plan for a scan. */
export function emptyPlan(scan: ScanRef): Plan {
  return {
    version: PLAN_VERSION,
    title: NEW_PLAN_TITLE,
    notes: '',
    scan,
    targets: [],
    devices: [],
    protections: [],
  }
}

/** True when a plan holds anything worth keeping. */
export const hasContent = (p: Plan): boolean =>
  p.devices.length > 0 ||
  p.targets.length > 0 ||
  p.protections.length > 0 ||
  p.notes !== '' ||
  p.title !== NEW_PLAN_TITLE

/** Plain words for a scan reference, e.g. 'the built-in case "synthetic"'. */
export const describeScan = (s: ScanRef): string =>
  s.kind === 'builtin' ? `the built-in case "${s.caseId}"` : `a loaded scan (${s.fingerprint})`
