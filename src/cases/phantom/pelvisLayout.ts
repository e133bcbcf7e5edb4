/**
 * Where the hips are relative to the sacrum. The hip axis lies at the "pelvic thickness" from the S1 plate
 * midpoint, in the direction obtained by turning the plate's inward normal anteriorly by the pelvic
 * incidence (definition of PI; MacThiong11). With the supine sacral slope from spineLayout.ts, the pelvic
 * tilt is then PI − SS.
 */
import type { Vec3 } from '../../lib/vec3'
import type { ResolvedPhantomSpec } from './phantomSpec'
import type { SpineLayout } from './spineLayout'

/** Hip joint centres and the sacral plate frame. */
export interface PelvisLayout {
  readonly hipL: Vec3
  readonly hipR: Vec3
  /** Midpoint of the hip centres. */
  readonly hipMid: Vec3
  /** S1 superior endplate centre. */
  readonly s1Plate: Vec3
  /** Pelvic tilt implied by PI and the supine sacral slope (degrees). */
  readonly pelvicTiltDeg: number
}

/** Computes the hip centres. */
export function layoutPelvis(spec: ResolvedPhantomSpec, spine: SpineLayout): PelvisLayout {
  const s1 = spine.vertebrae.S1
  const t = s1.supTiltRad
  const w: Vec3 = [0, Math.sin(t), Math.cos(t)]
  const v: Vec3 = [0, Math.cos(t), -Math.sin(t)]
  const pi = (spec.pelvis.pelvicIncidenceDeg * Math.PI) / 180
  const L = spec.pelvis.sacroFemoralDistanceMm
  const d: Vec3 = [
    0,
    -w[1] * Math.cos(pi) - v[1] * Math.sin(pi),
    -w[2] * Math.cos(pi) - v[2] * Math.sin(pi),
  ]
  const p = s1.supCentre
  const hipMid: Vec3 = [p[0], p[1] + L * d[1], p[2] + L * d[2]]
  const h = spec.pelvis.hipHalfSeparationMm
  return {
    hipL: [hipMid[0] + h, hipMid[1], hipMid[2]],
    hipR: [hipMid[0] - h, hipMid[1], hipMid[2]],
    hipMid,
    s1Plate: p,
    pelvicTiltDeg: spec.pelvis.pelvicIncidenceDeg - spine.sacralSlopeDeg,
  }
}
