import { beforeAll, describe, expect, it } from 'vitest'
import { STRUCTURES } from '../../../src/lib/anatomy'
import { createRng } from '../../../src/lib/rng'
import { worldToIjk } from '../../../src/lib/space'
import type { Vec3 } from '../../../src/lib/vec3'
import { findNearMisses, type LabelVolume } from '../../../src/plan'
import { vertebraPhantom } from './vertebraPhantom'

let vol: LabelVolume
beforeAll(() => {
  vol = vertebraPhantom()
})

/** Reference: the same gap formula evaluated on every critical voxel of the volume (no capsule pruning). */
function bruteForce(
  v: LabelVolume,
  entry: Vec3,
  tip: Vec3,
  radiusMm: number,
  searchMm: number,
): Map<number, number> {
  const g = v.geometry
  const [nx, ny, nz] = g.dims
  const [sx, sy, sz] = g.spacingMm
  const critical = new Set(STRUCTURES.filter((s) => s.criticality === 'critical').map((s) => s.id))
  const e = worldToIjk(g, entry)
  const t = worldToIjk(g, tip)
  const a = [e[0] * sx, e[1] * sy, e[2] * sz]
  const d = [t[0] * sx - a[0], t[1] * sy - a[1], t[2] * sz - a[2]]
  const len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
  const best = new Map<number, number>()
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const lab = v.labels[i + nx * (j + ny * k)]
        if (!critical.has(lab)) continue
        const p = [i * sx - a[0], j * sy - a[1], k * sz - a[2]]
        const u = Math.min(1, Math.max(0, (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / len2))
        const q = [p[0] - d[0] * u, p[1] - d[1] * u, p[2] - d[2] * u]
        const dc = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2])
        const h =
          dc > 0
            ? (0.5 * (sx * Math.abs(q[0]) + sy * Math.abs(q[1]) + sz * Math.abs(q[2]))) / dc
            : 0
        const gap = Math.max(0, dc - h) - radiusMm
        if (gap <= searchMm && gap < (best.get(lab) ?? Infinity)) best.set(lab, gap)
      }
    }
  }
  return best
}

describe('findNearMisses', () => {
  it('visits every voxel that matters: equals a whole-volume scan on random oblique paths', () => {
    const rng = createRng(11)
    let reported = 0
    for (let n = 0; n < 6; n++) {
      const entry: Vec3 = [rng.uniform(-30, 30), rng.uniform(40, 64), rng.uniform(-18, 18)]
      const tip: Vec3 = [rng.uniform(-25, 25), rng.uniform(-10, 30), rng.uniform(-18, 18)]
      const radiusMm = rng.uniform(0, 1.7)
      const fast = findNearMisses(vol, entry, tip, { radiusMm, searchMm: 10 })
      const ref = bruteForce(vol, entry, tip, radiusMm, 10)
      expect(new Map(fast.map((m) => [m.labelId, m.distanceMm]))).toEqual(ref)
      reported += ref.size
    }
    // The paths do come near the canal and roots: the comparison is not between two empty maps.
    expect(reported).toBeGreaterThanOrEqual(6)
  })

  it('handles paths parallel to a grid axis (degenerate capsule rows)', () => {
    for (const [entry, tip] of [
      [
        [-20, 30, -3],
        [20, 30, -3],
      ],
      [
        [-12, 64, -4],
        [-12, 10, -4],
      ],
      [
        [-12, 29, -20],
        [-12, 29, 20],
      ],
    ] as [Vec3, Vec3][]) {
      const fast = findNearMisses(vol, entry, tip, { radiusMm: 0.7, searchMm: 8 })
      expect(new Map(fast.map((m) => [m.labelId, m.distanceMm]))).toEqual(
        bruteForce(vol, entry, tip, 0.7, 8),
      )
    }
  })
})
