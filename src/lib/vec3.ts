/** Small, allocation-light 3-vector helpers on plain tuples. Frame-agnostic: callers name the frame. */
export type Vec3 = readonly [number, number, number]

/** a + b */
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
/** a − b */
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
/** s·a */
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s]
/** Dot product. */
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
/** Cross product a × b. */
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
/** Euclidean length. */
export const length = (a: Vec3): number => Math.hypot(a[0], a[1], a[2])
/** Distance between two points. */
export const distance = (a: Vec3, b: Vec3): number => length(sub(a, b))
/** Unit vector along a; throws on a zero vector because a direction is then undefined. */
export const normalize = (a: Vec3): Vec3 => {
  const l = length(a)
  if (!(l > 0)) throw new Error('normalize: zero-length vector')
  return [a[0] / l, a[1] / l, a[2] / l]
}
/** Linear interpolation a + t (b − a). */
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => [
  a[0] + t * (b[0] - a[0]),
  a[1] + t * (b[1] - a[1]),
  a[2] + t * (b[2] - a[2]),
]
