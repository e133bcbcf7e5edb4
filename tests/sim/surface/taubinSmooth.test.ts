import { describe, expect, it } from 'vitest'
import {
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
  meshVolumeMm3,
  taubinSmooth,
} from '../../../src/sim/surface'
import type { Vec3 } from '../../../src/lib/vec3'
import { vertexNeighbors } from '../../../src/sim/surface/vertexNeighbors'
import { geometryAround, offCentre, relErr, sampleMask, sphereSd } from './fixtures'

/** RMS deviation of the vertices from radius r about c. */
function rmsRadiusError(p: ArrayLike<number>, c: Vec3, r: number): number {
  let s = 0
  for (let v = 0; v < p.length; v += 3) {
    s += (Math.hypot(p[v] - c[0], p[v + 1] - c[1], p[v + 2] - c[2]) - r) ** 2
  }
  return Math.sqrt(s / (p.length / 3))
}

describe('taubinSmooth', () => {
  const g = geometryAround(10, [1, 1, 1])
  const c = offCentre(g)
  const labels = sampleMask(g, (p) => sphereSd(c, 10)(p) <= 0)
  const raw = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 })

  it('removes the voxel staircase while changing the volume by less than 2 %', () => {
    const smooth = extractSurface(
      { kind: 'labels', labels, geometry: g, labelIds: 1 },
      { smoothing: { iterations: 10 } },
    )
    expect(isClosedManifold(smooth)).toBe(true)
    expect(isConsistentlyOriented(smooth)).toBe(true)
    // 2 %: the brief's bound; λ|μ steps cancel to first order on low frequencies.
    expect(relErr(meshVolumeMm3(smooth), meshVolumeMm3(raw))).toBeLessThan(0.02)
    // Staircase noise: the RMS distance to the true sphere must drop by at least a third.
    expect(rmsRadiusError(smooth.positions, c, 10)).toBeLessThan(
      (2 / 3) * rmsRadiusError(raw.positions, c, 10),
    )
  })

  it('shrinks far less than plain Laplacian smoothing with the same λ', () => {
    const taubin = Float64Array.from(raw.positions)
    taubinSmooth(taubin, raw.indices, { iterations: 10 })
    // Reference: 20 plain umbrella steps with λ = 0.5 (Taubin without the μ steps).
    const lap = Float64Array.from(raw.positions)
    const { start, list } = vertexNeighbors(raw.indices, raw.vertexCount)
    for (let it = 0; it < 20; it++) {
      const next = lap.slice()
      for (let v = 0; v < raw.vertexCount; v++) {
        for (let a = 0; a < 3; a++) {
          let m = 0
          for (let s = start[v]; s < start[v + 1]; s++) m += lap[3 * list[s] + a]
          m /= start[v + 1] - start[v]
          next[3 * v + a] = lap[3 * v + a] + 0.5 * (m - lap[3 * v + a])
        }
      }
      lap.set(next)
    }
    const v0 = meshVolumeMm3(raw)
    const shrinkTaubin = v0 - meshVolumeMm3({ positions: taubin, indices: raw.indices })
    const shrinkLaplace = v0 - meshVolumeMm3({ positions: lap, indices: raw.indices })
    expect(shrinkLaplace).toBeGreaterThan(0)
    // Taubin's μ steps undo most of the shrinkage: at least 5× less volume lost.
    expect(Math.abs(shrinkTaubin)).toBeLessThan(shrinkLaplace / 5)
  })

  it('rejects parameters outside the Taubin conditions', () => {
    const p = Float64Array.from(raw.positions)
    expect(() => taubinSmooth(p, raw.indices, { iterations: 1, lambda: 0.5, mu: -0.4 })).toThrow()
  })
})
