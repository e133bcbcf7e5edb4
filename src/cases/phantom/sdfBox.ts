/** Axis-aligned boxes in world millimetres: the evaluation bounds of the phantom's shapes. Pure. */
import type { Vec3 } from '../../lib/vec3'

/** Axis-aligned bounding box in world millimetres. */
export interface Box {
  readonly x0: number
  readonly y0: number
  readonly z0: number
  readonly x1: number
  readonly y1: number
  readonly z1: number
}

/** The empty box (a shape with it is never evaluated). */
export const EMPTY_BOX: Box = { x0: 0, y0: 0, z0: 0, x1: -1, y1: -1, z1: -1 }

/** Box around a centre with half-extents. */
export const boxAround = (c: Vec3, hx: number, hy: number, hz: number): Box => ({
  x0: c[0] - hx,
  y0: c[1] - hy,
  z0: c[2] - hz,
  x1: c[0] + hx,
  y1: c[1] + hy,
  z1: c[2] + hz,
})

/** Smallest box containing both. */
export function unionBox(a: Box, b: Box): Box {
  if (a.x1 < a.x0) return b
  if (b.x1 < b.x0) return a
  return {
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    z0: Math.min(a.z0, b.z0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
    z1: Math.max(a.z1, b.z1),
  }
}

/** Intersection of two boxes (may be empty). */
export const intersectBox = (a: Box, b: Box): Box => ({
  x0: Math.max(a.x0, b.x0),
  y0: Math.max(a.y0, b.y0),
  z0: Math.max(a.z0, b.z0),
  x1: Math.min(a.x1, b.x1),
  y1: Math.min(a.y1, b.y1),
  z1: Math.min(a.z1, b.z1),
})

/** Box grown by `m` mm on every side. */
export const growBox = (b: Box, m: number): Box => ({
  x0: b.x0 - m,
  y0: b.y0 - m,
  z0: b.z0 - m,
  x1: b.x1 + m,
  y1: b.y1 + m,
  z1: b.z1 + m,
})

/** Distance from a point to a box (0 inside): a lower bound on any distance inside the box. */
export function boxDistance(b: Box, x: number, y: number, z: number): number {
  const dx = Math.max(b.x0 - x, 0, x - b.x1)
  const dy = Math.max(b.y0 - y, 0, y - b.y1)
  const dz = Math.max(b.z0 - z, 0, z - b.z1)
  return Math.sqrt(dx * dx + dy * dy + dz * dz)
}
