/**
 * Local frames for building anatomy: a frame maps local (u, v, w) millimetres to world LPS millimetres.
 * Pure helpers on plain tuples.
 */
import { add, cross, normalize, scale, type Vec3 } from '../../lib/vec3'
import type { Frame } from './sdf'

/** World point of local coordinates (a, b, c) in frame fr: o + a·u + b·v + c·w. */
export const toWorld = (fr: Frame, a: number, b: number, c: number): Vec3 => [
  fr.o[0] + a * fr.u[0] + b * fr.v[0] + c * fr.w[0],
  fr.o[1] + a * fr.u[1] + b * fr.v[1] + c * fr.w[1],
  fr.o[2] + a * fr.u[2] + b * fr.v[2] + c * fr.w[2],
]

/** World direction of a local direction (a, b, c). */
export const dirToWorld = (fr: Frame, a: number, b: number, c: number): Vec3 => [
  a * fr.u[0] + b * fr.v[0] + c * fr.w[0],
  a * fr.u[1] + b * fr.v[1] + c * fr.w[1],
  a * fr.u[2] + b * fr.v[2] + c * fr.w[2],
]

/** Local coordinates of a world point. */
export function toLocal(fr: Frame, p: Vec3): Vec3 {
  const d: Vec3 = [p[0] - fr.o[0], p[1] - fr.o[1], p[2] - fr.o[2]]
  return [
    d[0] * fr.u[0] + d[1] * fr.u[1] + d[2] * fr.u[2],
    d[0] * fr.v[0] + d[1] * fr.v[1] + d[2] * fr.v[2],
    d[0] * fr.w[0] + d[1] * fr.w[1] + d[2] * fr.w[2],
  ]
}

/** Frame at world point o with the same axes as fr. */
export const moveFrame = (fr: Frame, o: Vec3): Frame => ({ o, u: fr.u, v: fr.v, w: fr.w })

/** Frame at o in fr moved by local (a, b, c). */
export const shiftFrame = (fr: Frame, a: number, b: number, c: number): Frame =>
  moveFrame(fr, toWorld(fr, a, b, c))

/**
 * Right-handed orthonormal frame whose w axis is `w` and whose u axis is as close as possible to `uHint`.
 * Throws if the two are parallel.
 */
export function frameFromWU(o: Vec3, w: Vec3, uHint: Vec3): Frame {
  const wn = normalize(w)
  const v = normalize(cross(wn, uHint))
  const u = cross(v, wn)
  return { o, u, v, w: wn }
}

/** Frame whose w axis is `w` and whose v axis is as close as possible to `vHint`. */
export function frameFromWV(o: Vec3, w: Vec3, vHint: Vec3): Frame {
  const wn = normalize(w)
  const u = normalize(cross(vHint, wn))
  const v = cross(wn, u)
  return { o, u, v, w: wn }
}

/** Rotates vector p about unit axis k by angle a (radians), Rodrigues' formula. */
export function rotate(p: Vec3, k: Vec3, a: number): Vec3 {
  const c = Math.cos(a),
    s = Math.sin(a)
  const kd = k[0] * p[0] + k[1] * p[1] + k[2] * p[2]
  const kx = cross(k, p)
  return add(add(scale(p, c), scale(kx, s)), scale(k, kd * (1 - c)))
}

/** Frame rotated about its own u axis by angle a (radians): +a tilts w towards +v. */
export function pitch(fr: Frame, a: number): Frame {
  return { o: fr.o, u: fr.u, v: rotate(fr.v, fr.u, -a), w: rotate(fr.w, fr.u, -a) }
}

/** Frame rotated about its own w axis by angle a (radians): +a turns u towards +v. */
export function yaw(fr: Frame, a: number): Frame {
  return { o: fr.o, u: rotate(fr.u, fr.w, a), v: rotate(fr.v, fr.w, a), w: fr.w }
}

/** Frame rotated about its own v axis by angle a (radians): +a turns w towards +u. */
export function roll(fr: Frame, a: number): Frame {
  return { o: fr.o, u: rotate(fr.u, fr.v, a), v: fr.v, w: rotate(fr.w, fr.v, a) }
}

/** Degrees to radians. */
export const deg = (d: number): number => (d * Math.PI) / 180

/** The world frame at o (u = +L, v = +P, w = +S). */
export const worldFrame = (o: Vec3): Frame => ({ o, u: [1, 0, 0], v: [0, 1, 0], w: [0, 0, 1] })

/** Mirror of a local-left point to the right side: flips the local u coordinate. */
export const sideSign = (side: 'L' | 'R'): number => (side === 'L' ? 1 : -1)
