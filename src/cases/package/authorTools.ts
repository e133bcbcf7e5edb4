/**
 * Marking structures on a scan for a new case: a sphere, a threshold fill grown from a seed (6-connected,
 * HU window, bounded radius), and an axial brush (a disc in the seed's slice). Each writes one label (or
 * erases it) into a label volume in place and returns the number of voxels changed. Plus what the package
 * needs from the marks: the lesions' centres and sizes, and overlays showing the marks. Pure.
 */
import { STRUCTURES } from '../../lib/anatomy'
import type { FieldOverlay } from '../../lib/fieldOverlay'
import { ijkToWorld, worldToIjk, type VolumeGeometry } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'

/** What a tool writes: a label, or 0 to erase voxels that carry `label`. */
export interface Mark {
  readonly label: number
  readonly erase?: boolean
}

/** Largest threshold fill, voxels (a runaway fill into the whole body stops here). */
export const MAX_FILL_VOXELS = 2_000_000

function write(labels: Uint8Array, n: number, m: Mark): number {
  if (m.erase) {
    if (labels[n] !== m.label) return 0
    labels[n] = 0
    return 1
  }
  if (labels[n] === m.label) return 0
  labels[n] = m.label
  return 1
}

/** Voxel box of a sphere, clamped to the volume. */
function box(
  g: VolumeGeometry,
  c: Vec3,
  r: number,
): [[number, number], [number, number], [number, number]] {
  const q = worldToIjk(g, c)
  const span = (a: 0 | 1 | 2): [number, number] => {
    const h = r / g.spacingMm[a] + 1
    return [Math.max(0, Math.floor(q[a] - h)), Math.min(g.dims[a] - 1, Math.ceil(q[a] + h))]
  }
  return [span(0), span(1), span(2)]
}

/** Marks every voxel whose centre lies within `radiusMm` of `centreMm`. */
export function markSphere(
  labels: Uint8Array,
  g: VolumeGeometry,
  centreMm: Vec3,
  radiusMm: number,
  m: Mark,
): number {
  const [[i0, i1], [j0, j1], [k0, k1]] = box(g, centreMm, radiusMm)
  const [nx, ny] = g.dims
  let changed = 0
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const p = ijkToWorld(g, [i, j, k])
        if (Math.hypot(p[0] - centreMm[0], p[1] - centreMm[1], p[2] - centreMm[2]) <= radiusMm) {
          changed += write(labels, i + nx * (j + ny * k), m)
        }
      }
    }
  }
  return changed
}

/** Marks a disc of `radiusMm` in the slice (k) nearest `centreMm`. */
export function markDisc(
  labels: Uint8Array,
  g: VolumeGeometry,
  centreMm: Vec3,
  radiusMm: number,
  m: Mark,
): number {
  const k = Math.round(worldToIjk(g, centreMm)[2])
  if (k < 0 || k >= g.dims[2]) return 0
  const [[i0, i1], [j0, j1]] = box(g, centreMm, radiusMm)
  const [nx, ny] = g.dims
  const q = worldToIjk(g, centreMm)
  const c = ijkToWorld(g, [q[0], q[1], k])
  let changed = 0
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const p = ijkToWorld(g, [i, j, k])
      if (Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= radiusMm) {
        changed += write(labels, i + nx * (j + ny * k), m)
      }
    }
  }
  return changed
}

/**
 * Grows from the seed through 6-connected voxels whose HU lies in [lo, hi], within `maxRadiusMm` of the
 * seed; marks them. Returns 0 when the seed itself is outside the window.
 */
export function markThreshold(
  labels: Uint8Array,
  ct: Int16Array,
  g: VolumeGeometry,
  seedMm: Vec3,
  window: readonly [number, number],
  maxRadiusMm: number,
  m: Mark,
): number {
  const [nx, ny, nz] = g.dims
  const q = worldToIjk(g, seedMm).map(Math.round)
  const [si, sj, sk] = [q[0]!, q[1]!, q[2]!]
  if (si < 0 || sj < 0 || sk < 0 || si >= nx || sj >= ny || sk >= nz) return 0
  const inWindow = (n: number) => ct[n]! >= window[0] && ct[n]! <= window[1]
  const seed = si + nx * (sj + ny * sk)
  if (!inWindow(seed)) return 0
  const seen = new Uint8Array(nx * ny * nz)
  const stack = [seed]
  seen[seed] = 1
  let changed = 0
  let count = 0
  const r2 = maxRadiusMm * maxRadiusMm
  while (stack.length && count < MAX_FILL_VOXELS) {
    const n = stack.pop()!
    count++
    changed += write(labels, n, m)
    const i = n % nx
    const j = Math.floor(n / nx) % ny
    const k = Math.floor(n / (nx * ny))
    const next: [number, number, number][] = [
      [i - 1, j, k],
      [i + 1, j, k],
      [i, j - 1, k],
      [i, j + 1, k],
      [i, j, k - 1],
      [i, j, k + 1],
    ]
    for (const [a, b, c] of next) {
      if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue
      const v = a + nx * (b + ny * c)
      if (seen[v] || !inWindow(v)) continue
      const d0 = (a - si) * g.spacingMm[0]
      const d1 = (b - sj) * g.spacingMm[1]
      const d2 = (c - sk) * g.spacingMm[2]
      if (d0 * d0 + d1 * d1 + d2 * d2 > r2) continue
      seen[v] = 1
      stack.push(v)
    }
  }
  return changed
}

/** Voxel count per label present. */
export function labelCounts(labels: Uint8Array): Map<number, number> {
  const out = new Map<number, number>()
  for (let n = 0; n < labels.length; n++) {
    const l = labels[n]!
    if (l) out.set(l, (out.get(l) ?? 0) + 1)
  }
  return out
}

/** Centre (centroid, LPS) and largest extent (mm, bounding-box diagonal bound) of a label, or null. */
export function labelExtent(
  labels: Uint8Array,
  g: VolumeGeometry,
  label: number,
): { centreMm: Vec3; sizeMm: number } | null {
  const [nx, ny] = g.dims
  const lo = [Infinity, Infinity, Infinity]
  const hi = [-Infinity, -Infinity, -Infinity]
  const sum = [0, 0, 0]
  let count = 0
  for (let n = 0; n < labels.length; n++) {
    if (labels[n] !== label) continue
    const ijk = [n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))]
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a]!, ijk[a]!)
      hi[a] = Math.max(hi[a]!, ijk[a]!)
      sum[a]! += ijk[a]!
    }
    count++
  }
  if (count === 0) return null
  const centre = ijkToWorld(g, [sum[0]! / count, sum[1]! / count, sum[2]! / count])
  const ext = [0, 1, 2].map((a) => (hi[a]! - lo[a]! + 1) * g.spacingMm[a]!)
  return { centreMm: [centre[0], centre[1], centre[2]], sizeMm: Math.max(...ext) }
}

/** One overlay per marked label: a mask on the label's bounding box, outlined in MPR and drawn in 3D. */
export function markOverlays(labels: Uint8Array, g: VolumeGeometry): FieldOverlay[] {
  const [nx, ny, nz] = g.dims
  const boxes = new Map<number, number[]>()
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const l = labels[i + nx * (j + ny * k)]!
        if (!l) continue
        const b = boxes.get(l) ?? [i, j, k, i, j, k]
        b[0] = Math.min(b[0]!, i)
        b[1] = Math.min(b[1]!, j)
        b[2] = Math.min(b[2]!, k)
        b[3] = Math.max(b[3]!, i)
        b[4] = Math.max(b[4]!, j)
        b[5] = Math.max(b[5]!, k)
        boxes.set(l, b)
      }
    }
  }
  return [...boxes.entries()].map(([label, b]) => {
    // One voxel of empty margin so that contours and surfaces close.
    const i0 = Math.max(0, b[0]! - 1)
    const j0 = Math.max(0, b[1]! - 1)
    const k0 = Math.max(0, b[2]! - 1)
    const dims: [number, number, number] = [
      Math.min(nx - 1, b[3]! + 1) - i0 + 1,
      Math.min(ny - 1, b[4]! + 1) - j0 + 1,
      Math.min(nz - 1, b[5]! + 1) - k0 + 1,
    ]
    const data = new Float32Array(dims[0] * dims[1] * dims[2])
    for (let k = 0; k < dims[2]; k++) {
      for (let j = 0; j < dims[1]; j++) {
        for (let i = 0; i < dims[0]; i++) {
          if (labels[i0 + i + nx * (j0 + j + ny * (k0 + k))] === label) {
            data[i + dims[0] * (j + dims[1] * k)] = 1
          }
        }
      }
    }
    const s = STRUCTURES.find((x) => x.id === label)
    const origin = ijkToWorld(g, [i0, j0, k0])
    return {
      type: 'field' as const,
      id: `mark-${label}`,
      label: s?.name ?? `Label ${label}`,
      unit: '',
      grid: {
        dims,
        spacingMm: g.spacingMm,
        originMm: [origin[0], origin[1], origin[2]],
        direction: g.direction,
      },
      frames: [{ timeS: 0, data }],
      colormap: null,
      range: [0, 1] as const,
      opacity: 0,
      contours: [
        {
          level: 0.5,
          color: s?.color ?? '#ffffff',
          label: s?.name ?? `Label ${label}`,
          show3d: true,
        },
      ],
      source: 'Marked by the case author (sphere, threshold fill or brush).',
      uncertainty: 'As drawn: accuracy depends on the author and the tools (voxel resolution).',
      visibleByDefault: true,
    }
  })
}
