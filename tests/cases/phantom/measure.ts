/**
 * Measurement helpers for the phantom tests: everything here reads the generated label / CT volumes
 * (nearest-voxel sampling along lines, eroded label ROIs), never the generator's geometry code. A label run
 * measured by nearest-voxel sampling is accurate to about half a voxel at each end, so measured lengths
 * are compared with a tolerance of one voxel (the largest spacing) unless stated otherwise.
 */
import { S } from '../../../src/lib/anatomy'
import { worldToIjk } from '../../../src/lib/space'
import type { Phantom } from '../../../src/cases/phantom'

export type V3 = readonly [number, number, number]

/**
 * Runner timeout for hooks and tests that generate phantoms: a full volume takes 1–3 s, but the shared
 * 2-core machine can be several times slower under load. This is not a timing assertion.
 */
export const GENERATION_TIMEOUT_MS = 60_000

export const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
export const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
export const mul = (a: V3, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s]
export const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
export const cross = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
export const norm = (a: V3): V3 => mul(a, 1 / Math.hypot(a[0], a[1], a[2]))
export const dist = (a: V3, b: V3): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])

/**
 * Tolerance of a nearest-voxel run length: each end is off by at most half a voxel (one voxel in total,
 * the largest spacing), plus the 0.05 mm sampling step.
 */
export const voxelTol = (p: Phantom): number => Math.max(...p.geometry.spacingMm) + 0.1

/** Flat index of the voxel nearest to a world point, or −1 outside. */
export function indexAt(p: Phantom, q: V3): number {
  const g = p.geometry
  const c = worldToIjk(g, q)
  const i = Math.round(c[0]),
    j = Math.round(c[1]),
    k = Math.round(c[2])
  if (i < 0 || j < 0 || k < 0 || i >= g.dims[0] || j >= g.dims[1] || k >= g.dims[2]) return -1
  return i + g.dims[0] * (j + g.dims[1] * k)
}

/** Label at a world point (−1 outside the volume). */
export const labelAt = (p: Phantom, q: V3): number => {
  const i = indexAt(p, q)
  return i < 0 ? -1 : p.labels[i]
}

/** Part name at a world point. */
export const partAt = (p: Phantom, q: V3): string => {
  const i = indexAt(p, q)
  return i < 0 ? '' : (p.partNames[p.parts[i]] ?? '')
}

/** Predicate on (label, part name). */
export type Pred = (label: number, part: string) => boolean

const BONE = new Set<number>([
  S.corticalBone,
  S.trabecularBone,
  S.endplate,
  S.tumourLytic,
  S.tumourBlastic,
])
/** Any bone label (tumour inside bone counts as bone). */
export const isBone = (l: number): boolean => BONE.has(l)
/** Bone of a given part. */
export const boneOf =
  (part: string): Pred =>
  (l, pt) =>
    isBone(l) && pt === part
const CANAL = new Set<number>([
  S.epiduralFat,
  S.csf,
  S.spinalCord,
  S.caudaEquina,
  S.nerveRoot,
  S.venousPlexus,
  S.segmentalArtery,
])
/** Spinal canal contents. */
export const isCanal = (l: number): boolean => CANAL.has(l)

/**
 * Length of the run of voxels satisfying `pred` through `origin` along `dir` (unit), sampled every
 * `stepMm`. Returns the distances to the run's ends on both sides and the total length.
 */
export function run(
  p: Phantom,
  origin: V3,
  dir: V3,
  pred: Pred,
  maxMm = 120,
  stepMm = 0.05,
): { lo: number; hi: number; length: number } {
  const ok = (t: number): boolean => {
    const q = add(origin, mul(dir, t))
    const i = indexAt(p, q)
    return i >= 0 && pred(p.labels[i], p.partNames[p.parts[i]] ?? '')
  }
  if (!ok(0)) return { lo: 0, hi: 0, length: 0 }
  let hi = 0
  while (hi < maxMm && ok(hi + stepMm)) hi += stepMm
  let lo = 0
  while (lo < maxMm && ok(-(lo + stepMm))) lo += stepMm
  return { lo, hi, length: lo + hi + stepMm }
}

/** First distance along the ray where `pred` becomes true (NaN if never within maxMm). */
export function firstHit(
  p: Phantom,
  origin: V3,
  dir: V3,
  pred: Pred,
  maxMm = 200,
  stepMm = 0.1,
): number {
  for (let t = 0; t <= maxMm; t += stepMm) {
    const q = add(origin, mul(dir, t))
    const i = indexAt(p, q)
    if (i >= 0 && pred(p.labels[i], p.partNames[p.parts[i]] ?? '')) return t
  }
  return NaN
}

/** Landmark by name; throws with the name if missing. */
export function lm(p: Phantom, name: string): V3 {
  const q = p.landmarks[name]
  if (!q) throw new Error(`missing landmark ${name}`)
  return q
}

/** A vertebra's frame rebuilt from its landmarks: w along the endplate centres, v towards the canal. */
export function frameOf(p: Phantom, level: string): { o: V3; u: V3; v: V3; w: V3 } {
  const o = lm(p, `${level}.bodyCentre`)
  const w = norm(
    sub(lm(p, `${level}.superiorEndplateCentre`), lm(p, `${level}.inferiorEndplateCentre`)),
  )
  const c = sub(lm(p, `${level}.canalCentre`), o)
  const v = norm(sub(c, mul(w, dot(c, w))))
  return { o, u: cross(v, w), v, w }
}

/** World point of local coordinates in a frame. */
export const at = (f: { o: V3; u: V3; v: V3; w: V3 }, a: number, b: number, c: number): V3 =>
  add(add(add(f.o, mul(f.u, a)), mul(f.v, b)), mul(f.w, c))

/** Indices of voxels with `label` (and part, if given) whose six neighbours share the label. */
export function erodedRoi(p: Phantom, label: number, part?: string): number[] {
  const [nx, ny, nz] = p.geometry.dims
  const pid = part === undefined ? -1 : p.partNames.indexOf(part)
  const out: number[] = []
  const L = p.labels
  for (let k = 1; k < nz - 1; k++) {
    for (let j = 1; j < ny - 1; j++) {
      const i0 = nx * (j + ny * k)
      for (let i = 1; i < nx - 1; i++) {
        const idx = i0 + i
        if (L[idx] !== label || (pid >= 0 && p.parts[idx] !== pid)) continue
        if (
          L[idx - 1] === label &&
          L[idx + 1] === label &&
          L[idx - nx] === label &&
          L[idx + nx] === label &&
          L[idx - nx * ny] === label &&
          L[idx + nx * ny] === label
        ) {
          out.push(idx)
        }
      }
    }
  }
  return out
}

/** Mean and SD of CT values at the given indices. */
export function huStats(
  p: Phantom,
  idx: readonly number[],
): { mean: number; sd: number; n: number } {
  let s = 0,
    s2 = 0
  for (const i of idx) {
    const v = p.ct[i]
    s += v
    s2 += v * v
  }
  const n = idx.length
  const mean = s / n
  return { mean, sd: Math.sqrt(Math.max(0, s2 / n - mean * mean)), n }
}

/** World centre of a voxel index. */
export function worldOf(p: Phantom, idx: number): V3 {
  const [nx, ny] = p.geometry.dims
  const i = idx % nx,
    j = Math.floor(idx / nx) % ny,
    k = Math.floor(idx / (nx * ny))
  const g = p.geometry
  return [
    g.originMm[0] + i * g.spacingMm[0],
    g.originMm[1] + j * g.spacingMm[1],
    g.originMm[2] + k * g.spacingMm[2],
  ]
}

/** Indices of every voxel with one of the labels (optionally restricted to a part). */
export function voxelsOf(p: Phantom, labels: readonly number[], part?: string): number[] {
  const set = new Set(labels)
  const pid = part === undefined ? -1 : p.partNames.indexOf(part)
  const out: number[] = []
  for (let i = 0; i < p.labels.length; i++) {
    if (set.has(p.labels[i]) && (pid < 0 || p.parts[i] === pid)) out.push(i)
  }
  return out
}

/** Centroid (world) of voxel indices. */
export function centroid(p: Phantom, idx: readonly number[]): V3 {
  let x = 0,
    y = 0,
    z = 0
  for (const i of idx) {
    const q = worldOf(p, i)
    x += q[0]
    y += q[1]
    z += q[2]
  }
  return [x / idx.length, y / idx.length, z / idx.length]
}

/** FNV-1a hash of the CT and label bytes, as hex. */
export function volumeHash(p: Phantom): string {
  let h = 0x811c9dc5
  const feed = (b: Uint8Array): void => {
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0
  }
  feed(new Uint8Array(p.ct.buffer, p.ct.byteOffset, p.ct.byteLength))
  feed(p.labels)
  feed(p.parts)
  return h.toString(16)
}

/** Pedicle axis (posterior), and the horizontal and vertical directions across it, from the landmarks. */
export function pedicleDirs(
  p: Phantom,
  level: string,
  side: 'L' | 'R',
): { c: V3; axis: V3; across: V3; up: V3 } {
  const c = lm(p, `${level}.pedicle.${side}`)
  const axis = norm(
    sub(lm(p, `${level}.pedicleEntry.${side}`), lm(p, `${level}.pedicleTarget.${side}`)),
  )
  const across = norm(cross(axis, frameOf(p, level).w))
  return { c, axis, across, up: norm(cross(across, axis)) }
}

/**
 * Medial convergence (degrees) of a pedicle measured from its labels: bone voxels of the vertebra within
 * `radius` of the nominal axis are binned in 1 mm slabs along it over [t0, t1] mm around the isthmus, and
 * a least-squares line through the slab centroids (in the vertebra's axial plane) gives the angle.
 */
export function pedicleConvergence(
  p: Phantom,
  level: string,
  side: 'L' | 'R',
  radius: number,
  t0: number,
  t1: number,
): number {
  const d = pedicleDirs(p, level, side)
  const f = frameOf(p, level)
  const g = p.geometry
  const pid = p.partNames.indexOf(level)
  const bins = new Map<number, { s: V3; n: number }>()
  const lo = worldOf(p, 0)
  const span = 2 * (radius + Math.max(Math.abs(t0), Math.abs(t1)))
  const i0 = Math.floor((d.c[0] - span / 2 - lo[0]) / g.spacingMm[0])
  const j0 = Math.floor((d.c[1] - span / 2 - lo[1]) / g.spacingMm[1])
  const k0 = Math.floor((d.c[2] - span / 2 - lo[2]) / g.spacingMm[2])
  for (let k = Math.max(0, k0); k < Math.min(g.dims[2], k0 + span / g.spacingMm[2]); k++) {
    for (let j = Math.max(0, j0); j < Math.min(g.dims[1], j0 + span / g.spacingMm[1]); j++) {
      for (let i = Math.max(0, i0); i < Math.min(g.dims[0], i0 + span / g.spacingMm[0]); i++) {
        const idx = i + g.dims[0] * (j + g.dims[1] * k)
        if (p.parts[idx] !== pid || !isBone(p.labels[idx])) continue
        const q = worldOf(p, idx)
        const rel = sub(q, d.c)
        const t = dot(rel, d.axis)
        if (t < t0 || t > t1) continue
        const radial = sub(rel, mul(d.axis, t))
        if (Math.hypot(radial[0], radial[1], radial[2]) > radius) continue
        const b = Math.round(t)
        const e = bins.get(b) ?? { s: [0, 0, 0] as V3, n: 0 }
        bins.set(b, { s: add(e.s, q), n: e.n + 1 })
      }
    }
  }
  const pts = [...bins.values()].map((e) => mul(e.s, 1 / e.n))
  const xs = pts.map((q) => dot(sub(q, f.o), f.v))
  const ys = pts.map((q) => dot(sub(q, f.o), f.u) * (side === 'L' ? 1 : -1))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let sxy = 0,
    sxx = 0
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my)
    sxx += (xs[i] - mx) ** 2
  }
  return (Math.atan(sxy / sxx) * 180) / Math.PI
}
