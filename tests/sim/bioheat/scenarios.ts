/**
 * Validation scenarios for FACTS §8 (liver blocks with an RF stand-in or a microwave antenna, a vessel,
 * a sheep-like vertebral body). Geometry choices not in FACTS are marked [G] and fixed here a priori.
 */
import { S } from '../../../src/lib/anatomy'
import { createGrid3 } from '../../../src/sim/grid/grid3'
import { createMicrowaveSource } from '../../../src/sim/bioheat/mwDesiccation'
import { createBioheatState, stepBioheat, type BioheatState } from '../../../src/sim/bioheat/pennes'
import { distanceToSegmentM } from '../../../src/sim/bioheat/probeGeometry'
import {
  labelThermalTable,
  liverThermal,
  tissueThermal,
} from '../../../src/sim/bioheat/tissueProperties'

const H = 0.0015
/** Cortical shell thickness of the sheep-like vertebral body [G] (one voxel at the default 1.5 mm). */
const CORTEX_M = 0.0015
const TIP_Z = 0.035

/** Zone metrics in the plane through the antenna axis (and the vessel), m and m³. */
export interface LiverZone {
  readonly volumeM3: number
  /** Ω = 1 reach along +x (towards the vessel) at the middle of the heating section. */
  readonly reachPlusM: number
  /** Ω = 1 reach along −x. */
  readonly reachMinusM: number
  /** Ω = 1 extent along the axis (z) next to it. */
  readonly lengthM: number
  /** Zone volume on the +x side (towards the vessel), without the vessel's cross-section, m³. */
  readonly plusSideVolumeM3: number
}

/**
 * Half-domain liver block (mirror plane y = h/2 through the applicator and the vessel). 'rf' is a cheap
 * stand-in for an internally cooled 17 G electrode (the full RF model is in rfScenarios.ts, used by
 * rf.test.ts for §8.7/§8.8): a 25 mm tip held at 20 °C [G]
 * with SAR ∝ 1/d² near it (|E| ∝ 1/d around a cylinder) fading to 1/d⁴ beyond 1 cm, roll-off at
 * 100–105 °C (impedance rise), 12 min. 'mw' is the calibrated dual-slot antenna, 60 W × 5 min.
 * `vesselAxisM`: distance of a 5 mm vessel (Dirichlet 37 °C) parallel to the applicator, or null.
 */
export function liverBlock(
  kind: 'rf' | 'mw',
  isPerfused: boolean,
  vesselAxisM: number | null,
  rfPowerW = 8,
  h = H,
  excludeAxisM: number | null = vesselAxisM,
): LiverZone {
  // Odd nx: the applicator axis runs through a column of voxel centres, so ±x sample alike.
  const nx = 2 * Math.round(0.04 / h) + 3
  const ny = Math.round(0.04 / h) + 2
  const nz = Math.round(0.1 / h) + 2
  const xc = ((nx - 1) / 2) * h
  const grid = createGrid3(nx, ny, nz, [h, h, h])
  const labels = new Uint8Array(nx * ny * nz).fill(S.liver)
  if (vesselAxisM !== null) {
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          if (Math.hypot(i * h - xc - vesselAxisM, j * h - h / 2) < 0.0025) {
            labels[i + nx * (j + ny * k)] = S.ivc
          }
        }
      }
    }
  }
  const rE = 0.0007
  const tip = {
    startM: [xc, h / 2, TIP_Z] as const,
    endM: [xc, h / 2, TIP_Z + 0.025] as const,
    radiusM: rE,
  }
  const s = createBioheatState({
    grid,
    labels,
    materials: labelThermalTable({}, new Map([[S.liver, liverThermal(isPerfused)]])),
    boundary: { yMin: { kind: 'adiabatic' } },
    ...(kind === 'rf'
      ? { probes: [{ segment: tip, tempC: 20 }], sourceRollOffC: [100, 105] as const }
      : {}),
  })
  const free = s.isFixed.map((f) => 1 - f)
  let updateSource: ((t: number, q: Float32Array) => boolean) | undefined
  if (kind === 'mw') {
    const source = createMicrowaveSource(
      grid,
      {
        tipM: [xc, h / 2, TIP_Z],
        shaftDirection: [0, 0, 1],
        type: 'dualSlot',
        frequency: '2450MHz',
        powerW: 60,
      },
      s.sourceWPerM3,
      { absorbing: free, domainFraction: 0.5 },
    )
    updateSource = (t, q) => source.update(t, s.damage.maxTempC, q)
  } else {
    let sum = 0
    for (let k = 1; k < nz - 1; k++) {
      for (let j = 1; j < ny - 1; j++) {
        for (let i = 1; i < nx - 1; i++) {
          const idx = i + nx * (j + ny * k)
          if (free[idx] === 0) continue
          const d = Math.max(distanceToSegmentM([i * h, j * h, k * h], tip.startM, tip.endM), rE)
          const q = (rE / d) ** 2 / (1 + (d / 0.01) ** 2)
          s.sourceWPerM3[idx] = q
          sum += q
        }
      }
    }
    for (let i = 0; i < s.sourceWPerM3.length; i++) {
      s.sourceWPerM3[i] *= (0.5 * rfPowerW) / (sum * h ** 3)
    }
  }
  const durationS = kind === 'mw' ? 300 : 720
  // RKL2 super-steps of 15 s: zone sizes within 1 % of 5 s steps (pennesRkl2.test.ts).
  stepBioheat(s, { dtS: 15, ...(updateSource ? { updateSource } : {}) }, durationS / 15)
  const outside = (i: number): boolean =>
    excludeAxisM === null ||
    Math.hypot((i % nx) * h - xc - excludeAxisM, (Math.floor(i / nx) % ny) * h - h / 2) >= 0.0025
  return measure(s, nx, ny, nz, xc, kind === 'mw' ? TIP_Z + 0.01 : TIP_Z + 0.0125, h, outside)
}

function measure(
  s: BioheatState,
  nx: number,
  ny: number,
  nz: number,
  xc: number,
  zMidM: number,
  h: number,
  outside: (i: number) => boolean,
): LiverZone {
  // Applicator voxels are held (not solved): count them as inside the zone when walking outwards.
  const probe = new Set(s.probeVoxels.flatMap((v) => [...v]))
  const om = (i: number): number => (probe.has(i) ? Infinity : s.damage.omega[i])
  let count = 0
  let plus = 0
  for (let i = 0; i < s.damage.omega.length; i++) {
    if (om(i) < 1) continue
    count++
    if ((i % nx) * h > xc + h / 2 && outside(i)) plus++
  }
  const k0 = Math.round(zMidM / h)
  const alongX = (i: number): number => om(i + nx * (1 + ny * k0))
  const alongZ = (k: number): number => om(Math.round(xc / h) + nx * (1 + ny * k))
  return {
    volumeM3: 2 * count * h ** 3,
    reachPlusM: crossing(alongX, Math.round(xc / h), 1, nx) * h - xc,
    reachMinusM: xc - crossing(alongX, Math.round(xc / h), -1, nx) * h,
    lengthM: (crossing(alongZ, k0, 1, nz) - crossing(alongZ, k0, -1, nz)) * h,
    plusSideVolumeM3: 2 * plus * h ** 3,
  }
}

/**
 * Fractional index of the outer Ω = 1 edge walking from `start` in direction `dir`: the last voxel with
 * Ω ≥ 1 (a cooled applicator can leave a sub-lethal rim next to it), then log-linear interpolation.
 */
function crossing(f: (i: number) => number, start: number, dir: 1 | -1, n: number): number {
  let last = start
  for (let i = start; i > 0 && i < n - 1; i += dir) if (f(i) >= 1) last = i
  const a = Math.log(Math.min(Math.max(f(last), 1e-30), 1e30))
  const b = Math.log(Math.max(f(last + dir), 1e-30))
  return last + dir * (a <= 0 || a === b ? 0 : Math.min(1, a / (a - b)))
}

/**
 * Sheep-like lumbar vertebral body, ex vivo (no perfusion): trabecular block 30 × 24 × 25 mm with a
 * 1.5 mm cortical shell, the canal (CSF) behind the posterior wall, muscle around [G]. A dual-slot antenna
 * runs laterally through the body, `wallGapM` (default 10 mm, about the middle of a sheep lumbar body's
 * 20–24 mm depth) in front of the posterior wall [G]. `dielectricContrast` scales the tissue dielectric
 * contrast of the microwave pattern (0: liver-like absorption everywhere); `desiccationScale` the
 * near-field desiccation (0: the source stays at its 37 °C pattern). Grid `spacingM` (default 1.5 mm).
 * Returns the hottest posterior-wall voxel temperature every 5 s up to `durationS`; `hottestC` collects
 * the hottest voxel's temperature at the same times.
 */
export function vertebraWallHistory(
  powerW: number,
  durationS: number,
  wallGapM = 0.01,
  dielectricContrast?: number,
  desiccationScale?: number,
  spacingM = H,
  hottestC?: number[],
): Float64Array {
  const H = spacingM
  const nx = Math.round(0.07 / H) + 2
  const ny = nx
  const nz = Math.round(0.035 / H) + 2
  const grid = createGrid3(nx, ny, nz, [H, H, H])
  const labels = new Uint8Array(nx * ny * nz).fill(S.muscle)
  const [x0, x1, y0, yPost, zTop] = [0.02, 0.05, 0.015, 0.039, 0.0125]
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const [x, y, z] = [i * H, j * H, k * H - H / 2]
        let lab: number = S.muscle
        if (x >= x0 && x <= x1 && y >= y0 && y <= yPost && z <= zTop) {
          lab =
            Math.min(x - x0, x1 - x, y - y0, yPost - y, zTop - z) < CORTEX_M
              ? S.corticalBone
              : S.trabecularBone
        }
        if (y > yPost && y < yPost + 0.012 && Math.abs(x - 0.035) < 0.008 && z < 0.012) lab = S.csf
        labels[i + nx * (j + ny * k)] = lab
      }
    }
  }
  const classes = ['muscle', 'corticalBone', 'trabecularBone', 'csf'] as const
  const exVivo = labelThermalTable(
    Object.fromEntries(classes.map((t) => [t, { ...tissueThermal(t), perfusionPerS: 0 }])),
  )
  const s = createBioheatState({
    grid,
    labels,
    materials: exVivo,
    boundary: { zMin: { kind: 'adiabatic' } },
  })
  const source = createMicrowaveSource(
    grid,
    {
      tipM: [0.045, yPost - wallGapM, H / 2],
      shaftDirection: [-1, 0, 0],
      type: 'dualSlot',
      frequency: '2450MHz',
      powerW,
      ...(dielectricContrast !== undefined ? { dielectricContrast } : {}),
    },
    s.sourceWPerM3,
    {
      labels,
      absorbing: s.isFixed.map((f) => 1 - f),
      domainFraction: 0.5,
      ...(desiccationScale !== undefined ? { desiccationScale } : {}),
    },
  )
  const updateSource = (t: number, q: Float32Array): boolean =>
    source.update(t, s.damage.maxTempC, q)
  const wall: number[] = []
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === S.corticalBone && labels[i + nx] === S.csf) wall.push(i)
  }
  const out = new Float64Array(Math.round(durationS / 5))
  for (let n = 0; n < out.length; n++) {
    stepBioheat(s, { dtS: 5, updateSource }, 1)
    out[n] = wall.reduce((m, w) => Math.max(m, s.tempC[w]), -Infinity)
    hottestC?.push(s.tempC.reduce((m, t) => Math.max(m, t), -Infinity))
  }
  return out
}
