/**
 * Proximal femur of one side: head (GermanFemur diameter), neck at the neck-shaft angle with anteversion
 * ([D] 127°, 12°; ANATOMY §2.3), offset 42 mm from the shaft axis (Carmona, IndianFemur10), greater and
 * lesser trochanters, and a diaphysis with a thick cortex (5–8 mm [U]) around fatty marrow. The shaft axis
 * runs down and medially (anatomical valgus ~8° [U]).
 */
import { normalize, type Vec3 } from '../../lib/vec3'
import { deg, frameFromWU } from './frame'
import type { PelvisParams } from './phantomSpec'
import { ellipsoid, roundCone, sphere, trackedUnion, type Shape } from './sdf'

/** A built proximal femur. */
export interface FemurModel {
  /** Head, neck and trochanters (thin cortex, trabecular core). */
  readonly proximal: Shape
  /** Diaphysis (thick cortex, marrow core). */
  readonly shaft: Shape
  /** Named points (without side prefix). */
  readonly points: Readonly<Record<string, Vec3>>
  /** Unit vector from the neck base towards the head. */
  readonly neckAxis: Vec3
  /** Unit vector down the shaft. */
  readonly shaftAxis: Vec3
}

/** Builds the left (s = 1) or right (s = −1) proximal femur with its head centred at H. */
export function buildFemur(s: number, H: Vec3, pp: PelvisParams): FemurModel {
  const down = normalize([-s * Math.tan(deg(8)), 0.03, -1])
  const up: Vec3 = [-down[0], -down[1], -down[2]]
  const medialRaw: Vec3 = [-s, 0, 0]
  // Medial direction perpendicular to the shaft, turned anteriorly by the version angle.
  const k = medialRaw[0] * up[0] + medialRaw[1] * up[1] + medialRaw[2] * up[2]
  const m0 = normalize([
    medialRaw[0] - k * up[0],
    medialRaw[1] - k * up[1],
    medialRaw[2] - k * up[2],
  ])
  const av = deg(pp.femoralVersionDeg)
  const anterior: Vec3 = [0, -1, 0]
  const medial = normalize([
    m0[0] * Math.cos(av) + anterior[0] * Math.sin(av),
    m0[1] * Math.cos(av) + anterior[1] * Math.sin(av),
    m0[2] * Math.cos(av) + anterior[2] * Math.sin(av),
  ])
  const nsa = deg(pp.neckShaftAngleDeg)
  // Angle between the neck axis (towards the head) and the distal shaft axis is the neck-shaft angle.
  const neck = normalize([
    Math.cos(nsa) * down[0] + Math.sin(nsa) * medial[0],
    Math.cos(nsa) * down[1] + Math.sin(nsa) * medial[1],
    Math.cos(nsa) * down[2] + Math.sin(nsa) * medial[2],
  ])
  const along = pp.femoralOffsetMm / Math.sin(Math.PI - nsa)
  const X: Vec3 = [H[0] - neck[0] * along, H[1] - neck[1] * along, H[2] - neck[2] * along]
  const at = (p: Vec3, d: Vec3, t: number): Vec3 => [
    p[0] + d[0] * t,
    p[1] + d[1] * t,
    p[2] + d[2] * t,
  ]
  const lateral: Vec3 = [-medial[0], -medial[1], -medial[2]]
  const rH = pp.femoralHeadDiameterMm / 2
  const rN = pp.neckDiameterMm / 2
  const gt = at(at(at(X, up, 10), lateral, 20), [0, 1, 0], 6)
  const lt = at(at(at(X, down, 38), medial, 13), [0, 1, 0], 9)
  const parts = [
    { shape: sphere(H, rH), shellMm: 1.2, sub: 0 },
    {
      shape: roundCone(at(H, neck, -rH * 0.4), rN * 0.85, at(X, neck, 8), rN * 1.05),
      shellMm: 2,
      sub: 0,
    },
    { shape: ellipsoid(frameFromWU(gt, up, lateral), 15, 20, 24), shellMm: 1.5, sub: 0 },
    { shape: ellipsoid(frameFromWU(lt, down, medial), 9, 8, 12), shellMm: 1.5, sub: 0 },
    {
      shape: ellipsoid(frameFromWU(at(X, down, 12), up, lateral), 20, 18, 34),
      shellMm: 1.8,
      sub: 0,
    },
    {
      shape: roundCone(
        at(X, down, 20),
        pp.shaftDiameterMm / 2 + 2,
        at(X, down, 60),
        pp.shaftDiameterMm / 2,
      ),
      shellMm: 3,
      sub: 0,
    },
  ]
  const shaft = roundCone(
    at(X, down, 50),
    pp.shaftDiameterMm / 2,
    at(X, down, 420),
    pp.shaftDiameterMm / 2 - 1,
  )
  return {
    proximal: trackedUnion(parts, 6),
    shaft,
    points: {
      headCentre: H,
      neckBase: X,
      greaterTrochanter: gt,
      lesserTrochanter: lt,
    },
    neckAxis: neck,
    shaftAxis: down,
  }
}
