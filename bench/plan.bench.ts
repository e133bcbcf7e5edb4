/**
 * Planning-core benchmarks: trajectory checks on a 256×256×200 label volume (the brief's size, < 5 ms per
 * trajectory is the target), the exact distance transform, zone metrics, and plan share links. Each
 * benchmark returns a note with the per-item figure.
 */
import { S } from '../src/lib/anatomy'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../src/lib/space'
import type { Vec3 } from '../src/lib/vec3'
import { typicalPlan } from '../tests/plan/planFixtures'
import {
  computeMetrics,
  decodePlanFromUrl,
  encodePlanForUrl,
  gaugeOuterDiameterMm,
  marchTrajectory,
  maskFromLabels,
  sphereMask,
  squaredDistanceTransform,
  type LabelVolume,
} from '../src/plan'

const DIMS: [number, number, number] = [256, 256, 200]
const SPACING: [number, number, number] = [0.7, 0.7, 1]

/**
 * A lumbar-spine label volume: skin, fat and muscle, a column of vertebral bodies with pedicles, the canal
 * (epidural space, CSF, cord) and exiting nerve roots under every pedicle. Centre of the canal at x = 0,
 * y = 25 mm; vertebrae every 35 mm along z. Dense critical structures make the near-miss scan realistic.
 */
function spineVolume(): LabelVolume {
  const [nx, ny, nz] = DIMS
  const origin: Vec3 = [
    (-(nx - 1) * SPACING[0]) / 2,
    (-(ny - 1) * SPACING[1]) / 2 + 20,
    (-(nz - 1) * SPACING[2]) / 2,
  ]
  const geometry: VolumeGeometry = {
    dims: DIMS,
    spacingMm: SPACING,
    originMm: origin,
    direction: IDENTITY_DIRECTION,
  }
  const labels = new Uint8Array(nx * ny * nz)
  for (let k = 0; k < nz; k++) {
    const z = origin[2] + k * SPACING[2]
    const zl = ((((z + 17.5) % 35) + 35) % 35) - 17.5
    const isBodyLevel = Math.abs(zl) <= 13
    for (let j = 0; j < ny; j++) {
      const y = origin[1] + j * SPACING[1]
      for (let i = 0; i < nx; i++) {
        const x = origin[0] + i * SPACING[0]
        let lab: number =
          y > 82 ? S.outside : y > 80 ? S.skin : y > 72 ? S.subcutaneousFat : S.muscle
        const rBody = Math.sqrt(x * x + y * y)
        if (isBodyLevel && rBody <= 20) lab = rBody > 18.5 ? S.corticalBone : S.trabecularBone
        const ax = Math.abs(x)
        if (Math.abs(zl) <= 7 && ax >= 8 && ax <= 16 && y >= 15 && y <= 40) lab = S.trabecularBone
        const rc = Math.sqrt(x * x + (y - 25) * (y - 25))
        if (rc <= 8) lab = rc <= 4 ? S.spinalCord : rc <= 6 ? S.csf : S.epiduralFat
        const rr = Math.sqrt((y - 25) * (y - 25) + (zl + 10) * (zl + 10))
        if (ax >= 8 && ax <= 40 && rr <= 2.5) lab = S.nerveRoot
        labels[i + nx * (j + ny * k)] = lab
      }
    }
  }
  return { geometry, labels }
}

let vol: LabelVolume | null = null
const volume = (): LabelVolume => (vol ??= spineVolume())

/** 24 transpedicular-like trocar paths at different levels and sides (LPS mm). */
function paths(): [Vec3, Vec3][] {
  const out: [Vec3, Vec3][] = []
  for (let level = -2; level <= 2; level++) {
    for (const side of [-1, 1]) {
      for (const tilt of [-8, 0]) {
        if (out.length >= 24) break
        const z = level * 35
        out.push([
          [side * 22, 84, z + tilt],
          [side * 4, -5, z],
        ])
      }
    }
  }
  return out
}

let metricsInput: Parameters<typeof computeMetrics>[0] | null = null

export const benchmarks: Array<{ name: string; setup?: () => void; run: () => string }> = [
  {
    name: 'marchTrajectory ×24, 256×256×200, 11 G trocar',
    setup: () => void volume(),
    run: () => {
      const v = volume()
      const list = paths()
      const t0 = performance.now()
      let findings = 0
      for (const [entry, tip] of list) {
        findings += marchTrajectory(v, entry, tip, {
          deviceDiameterMm: gaugeOuterDiameterMm(11),
          checkPedicleBreach: true,
        }).findings.length
      }
      const per = (performance.now() - t0) / list.length
      return `${per.toFixed(2)} ms per trajectory (${findings} findings)`
    },
  },
  {
    name: 'squaredDistanceTransform 128³, anisotropic',
    run: () => {
      const n = 128
      const mask = new Uint8Array(n * n * n)
      for (let i = 0; i < mask.length; i += 997) mask[i] = 1
      const t0 = performance.now()
      squaredDistanceTransform(mask, { dims: [n, n, n], spacingMm: [0.7, 0.7, 1.5] })
      return `${(((performance.now() - t0) * 1e6) / n ** 3).toFixed(1)} ns per voxel`
    },
  },
  {
    name: 'computeMetrics: 30 mm zone in 256×256×200, cord + roots',
    setup: () => {
      const v = volume()
      metricsInput = {
        geometry: v.geometry,
        labels: v.labels,
        target: sphereMask(v.geometry, [0, 0, 0], 10),
        treated: sphereMask(v.geometry, [2, 1, 0], 15),
        critical: [
          { key: 'spinalCord', mask: maskFromLabels(v.labels, [S.spinalCord]) },
          { key: 'nerveRoot', mask: maskFromLabels(v.labels, [S.nerveRoot]) },
        ],
      }
    },
    run: () => {
      const m = computeMetrics(metricsInput!)
      return `coverage ${m.coveragePercent.toFixed(1)} %, cord gap ${m.critical[0]?.distanceMm?.toFixed(1)} mm`
    },
  },
  {
    name: 'share link: encode + decode a typical plan ×100',
    run: () => {
      const plan = typicalPlan()
      let len = 0
      for (let r = 0; r < 100; r++) {
        const s = encodePlanForUrl(plan)
        len = s.length
        if (!decodePlanFromUrl(s).ok) throw new Error('round trip failed')
      }
      return `${len} characters in the URL (JSON ${JSON.stringify(plan).length} characters)`
    },
  },
]
