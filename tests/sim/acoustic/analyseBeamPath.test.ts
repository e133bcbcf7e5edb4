import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import type { Vec3 } from '../../../src/lib/vec3'
import { analyseBeamPath, type LabelVolume } from '../../../src/sim/acoustic/analyseBeamPath'
import { createGrid3, gridIndex } from '../../../src/sim/grid/grid3'
import { makeSmallBowl } from './fixtures'

/**
 * Phantom: water for z < −40 mm, a 2 mm skin layer, muscle, and cortical bone on the side of a plane
 * through the focus (origin) with outward normal `boneNormal`; optional gas sphere.
 */
function phantom(h: number, boneNormal: Vec3, gas?: { c: Vec3; r: number }): LabelVolume {
  const n = 60
  const g = createGrid3(n, n, n, [h, h, h])
  const o = -(n - 1) * 0.5 * h
  const labels = new Uint8Array(n * n * n)
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const p = [o + i * h, o + j * h, o + k * h]
        let lab = p[2] < -0.04 ? S.outside : p[2] < -0.038 ? S.skin : S.muscle
        if (p[0] * boneNormal[0] + p[1] * boneNormal[1] + p[2] * boneNormal[2] < 0) {
          lab = S.corticalBone
        }
        if (gas && Math.hypot(p[0] - gas.c[0], p[1] - gas.c[1], p[2] - gas.c[2]) < gas.r) {
          lab = S.bowelGas
        }
        labels[gridIndex(g, i, j, k)] = lab
      }
    }
  }
  return { grid: g, originM: [o, o, o], labels }
}

const deg = Math.PI / 180
const flat: Vec3 = [0, 0, -1]

describe('beam-path analysis', () => {
  it('flags bowel gas inside the cone as critical, and not when it lies outside the cone', () => {
    const t = makeSmallBowl()
    // Cone radius 20 mm before the focus: 40 mm × 20/80 = 10 mm; a 5 mm bubble on the axis is inside.
    const inside = analyseBeamPath(t, phantom(0.002, flat, { c: [0, 0, -0.02], r: 0.005 }))
    const gasIn = inside.warnings.filter((w) => w.code === 'gasInPath')
    expect(gasIn).toHaveLength(1)
    expect(gasIn[0].severity).toBe('critical')
    const frac = inside.crossings.find((c) => c.label === S.bowelGas)?.coneFraction ?? 0
    expect(frac).toBeGreaterThan(0)
    expect(frac).toBeLessThan(1)
    // Centre 40 mm off axis: 25 mm clear of the cone edge (10 mm) plus the bubble radius.
    const outside = analyseBeamPath(t, phantom(0.002, flat, { c: [0.04, 0, -0.02], r: 0.005 }))
    expect(outside.warnings.some((w) => w.code === 'gasInPath')).toBe(false)
    expect(outside.crossings.some((c) => c.label === S.bowelGas)).toBe(false)
  })

  it('incidence angle at a tilted bone plane matches the hand-computed angle', () => {
    const t = makeSmallBowl()
    for (const a of [0, 20, 40]) {
      const nrm: Vec3 = [Math.sin(a * deg), 0, -Math.cos(a * deg)]
      const rep = analyseBeamPath(t, phantom(0.001, nrm))
      const bi = rep.boneIncidence
      expect(bi).not.toBeNull()
      // 3°: the normal is the moment of a 5-voxel ball cut by a 1 mm staircase surface.
      expect(Math.abs((bi?.incidenceRad ?? NaN) - a * deg)).toBeLessThan(3 * deg)
      // Critical angle muscle → cortical bone: asin(1580 / 3514.86) = 26.7° (FACTS §3.4: 26.9°).
      expect(Math.abs((bi?.criticalRad ?? NaN) - Math.asin(1580 / 3514.86))).toBeLessThan(1e-9)
      expect(rep.warnings.some((w) => w.code === 'beyondCriticalAngle')).toBe(a > 26.7)
    }
  })

  it('skin entry: distance and geometric beam area at the skin', () => {
    const t = makeSmallBowl({ powerW: 50 })
    const rep = analyseBeamPath(t, phantom(0.002, flat), { durationS: 20 })
    // Skin at z = −40 mm sampled on a 1 mm march with 2 mm voxels: within one voxel.
    expect(Math.abs((rep.skin?.distanceToFocusM ?? NaN) - 0.04)).toBeLessThan(0.002 + 1e-9)
    const rad = 0.04 * ((rep.skin?.distanceToFocusM ?? NaN) / 0.08)
    expect(rep.skin?.beamAreaM2).toBeCloseTo(Math.PI * rad * rad, 10)
    expect(rep.skin?.energyDensityJPerM2).toBeCloseTo(1000 / (Math.PI * rad * rad), 6)
    expect(rep.crossings.some((c) => c.label === S.skin && c.coneFraction > 0.99)).toBe(true)
  })
})
