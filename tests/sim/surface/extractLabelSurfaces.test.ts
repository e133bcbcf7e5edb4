import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import {
  countShells,
  extractLabelSurfaces,
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
  meshVolumeMm3,
} from '../../../src/sim/surface'
import { makeGeometry, relErr } from './fixtures'

/**
 * A small "spine": three vertebral bodies (cortex shell + trabecular core, parts 1–3) stacked along k,
 * a cord behind them, and a lesion inside the middle body.
 */
function spine() {
  const g = makeGeometry({
    dims: [30, 28, 40],
    spacingMm: [0.9, 0.9, 1.2],
    originMm: [-13, -12, 100],
  })
  const n = 30 * 28 * 40
  const labels = new Uint8Array(n)
  const parts = new Uint16Array(n)
  for (let k = 0; k < 40; k++) {
    for (let j = 0; j < 28; j++) {
      for (let i = 0; i < 30; i++) {
        const v = i + 30 * (j + 28 * k)
        const body = Math.floor((k - 2) / 12)
        const kk = (k - 2) % 12
        const r = Math.hypot(i - 15, j - 11)
        if (body >= 0 && body < 3 && kk < 10 && r <= 7) {
          labels[v] = r > 5.5 || kk === 0 || kk === 9 ? S.corticalBone : S.trabecularBone
          parts[v] = 100 + body
          if (body === 1 && Math.hypot(i - 14, j - 10, kk - 5) <= 2.5) labels[v] = S.tumourLytic
        } else if (Math.hypot(i - 15, j - 22) <= 2.5) {
          labels[v] = S.spinalCord
        }
      }
    }
  }
  return { g, labels, parts }
}

describe('extractLabelSurfaces', () => {
  const { g, labels, parts } = spine()
  const bone = [S.corticalBone, S.trabecularBone, S.tumourLytic]
  const groups = [
    { id: 'L1', name: 'L1', color: '#f2eee0', labelIds: bone, partIds: [100] },
    { id: 'L2', name: 'L2', color: '#f2eee0', labelIds: bone, partIds: [101] },
    { id: 'L3', name: 'L3', color: '#f2eee0', labelIds: bone, partIds: [102] },
    { id: 'cord', name: 'Spinal cord', color: '#ffd400', labelIds: [S.spinalCord] },
    { id: 'lesion', name: 'Lesion', color: '#ff40ff', labelIds: [S.tumourLytic] },
    { id: 'none', name: 'Absent', color: '#000000', labelIds: [S.aorta] },
  ]

  it('returns one closed, oriented mesh per group, in order, with names and colours', () => {
    const progress: number[] = []
    const out = extractLabelSurfaces(labels, parts, g, groups, {}, (f) => progress.push(f))
    expect(out.map((s) => s.id)).toEqual(groups.map((x) => x.id))
    expect(out[3].color).toBe('#ffd400')
    for (const s of out.slice(0, 5)) {
      expect(isClosedManifold(s.mesh)).toBe(true)
      expect(isConsistentlyOriented(s.mesh)).toBe(true)
      expect(countShells(s.mesh)).toBe(1)
    }
    expect(out[5].mesh.triangleCount).toBe(0)
    for (let n = 1; n < progress.length; n++) {
      expect(progress[n]).toBeGreaterThanOrEqual(progress[n - 1])
    }
    expect(progress.at(-1)).toBe(1)
  })

  it('meshes a group over its bounding box exactly as over the whole volume', () => {
    const [l2] = extractLabelSurfaces(labels, parts, g, [groups[1]])
    const mask = new Uint8Array(labels.length)
    for (let v = 0; v < mask.length; v++) {
      mask[v] = parts[v] === 101 && bone.includes(labels[v]) ? 1 : 0
    }
    const whole = extractSurface({ kind: 'labels', labels: mask, geometry: g, labelIds: 1 })
    expect(l2.mesh.triangleCount).toBe(whole.triangleCount)
    // Same cubes in the same order, so the same float arithmetic: identical volumes.
    expect(meshVolumeMm3(l2.mesh)).toBe(meshVolumeMm3(whole))
  })

  it('the vertebral bodies are the stacked cylinders they were drawn as', () => {
    const out = extractLabelSurfaces(labels, parts, g, groups.slice(0, 3), {
      smoothing: { iterations: 5 },
    })
    let voxels = 0
    for (let v = 0; v < parts.length; v++) if (parts[v] === 100) voxels++
    const voxelVolume = voxels * 0.9 * 0.9 * 1.2
    for (const s of out) {
      // 5 %: a 7-voxel-radius, 10-slice cylinder loses its chamfered rims (≈ 3 % here).
      expect(relErr(meshVolumeMm3(s.mesh), voxelVolume)).toBeLessThan(0.05)
    }
  })

  it('refuses part groups without a part volume', () => {
    expect(() => extractLabelSurfaces(labels, undefined, g, groups.slice(0, 1))).toThrow(
      /part volume/,
    )
  })

  it('downsampling keeps closedness and roughly the volume', () => {
    const [full] = extractLabelSurfaces(labels, parts, g, [groups[0]])
    const [half] = extractLabelSurfaces(labels, parts, g, [groups[0]], { downsample: 2 })
    expect(isClosedManifold(half.mesh)).toBe(true)
    expect(isConsistentlyOriented(half.mesh)).toBe(true)
    expect(half.mesh.triangleCount).toBeLessThan(full.mesh.triangleCount / 2)
    // 10 %: the 0.5-level of 2×2×2 block fractions of a 10-slice cylinder, a coarse shape.
    expect(relErr(meshVolumeMm3(half.mesh), meshVolumeMm3(full.mesh))).toBeLessThan(0.1)
  })
})
