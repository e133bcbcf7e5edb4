/**
 * Seeded variations of the pelvic (supra-acetabular) cementoplasty for the leak statistics (FACTS §2.1:
 * asymptomatic leaks in 45.5 % of pelvic cementoplasties, Skeletal Radiol 2019). The built-in
 * acetabulum-lung-cryo phantom is generated once; each case then draws its pathology (whether the lytic
 * lesion has destroyed the subchondral roof, whether an intraosseous vein drains it), the trocar-tip
 * position, cement class, start time, volume and the bone-model seed, runs the app's cement simulation
 * (src/cases/simulate/cement) on the phantom, and records which routes leaked a visible amount
 * (≥ LEAK_VISIBLE_M3). A route that a case does not have is closed by restoring bone over it (the roof
 * channel's voxels next to the cartilage become intact cortex; the vein becomes trabecular bone).
 * Prevalences are teaching assumptions [U], stated below.
 */
import { phantomToVolume } from '../../../src/cases/catalog'
import { expertPlan } from '../../../src/cases/expert'
import { generateCase } from '../../../src/cases/library'
import type { Phantom } from '../../../src/cases/phantom'
import { simulateDevice } from '../../../src/cases/simulate'
import { isCementDetail } from '../../../src/cases/simulate/cement'
import { S } from '../../../src/lib/anatomy'
import { createRng } from '../../../src/lib/rng'
import { worldToIjk } from '../../../src/lib/space'
import type { Plan } from '../../../src/plan'
import type { CtVolume } from '../../../src/cases/volume'
import { LEAK_VISIBLE_M3 } from '../../../src/sim/cement'

const CASE_ID = 'acetabulum-lung-cryo'

/** One simulated patient. */
export interface PelvicLeakOutcome {
  readonly any: boolean
  readonly joint: boolean
  readonly venous: boolean
  readonly other: boolean
  readonly roofDefect: boolean
  readonly vein: boolean
  readonly volumeMl: number
}

/** The phantom, the expert plan, and the voxels of each leak route near the lesion. */
export interface PelvicSetup {
  readonly phantom: Phantom
  /** The phantom as the app loads it (its own copies of the CT and labels, edited per case). */
  readonly volume: CtVolume & { readonly labels: Uint8Array }
  readonly plan: Plan
  /** Lytic voxels touching articular cartilage (the destroyed subchondral plate). */
  readonly roofVoxels: readonly number[]
  /** Drainage-vein voxels within 45 mm of the lesion centre. */
  readonly veinVoxels: readonly number[]
}

/** Generates the case once and finds its leak routes. */
export function pelvicSetup(): PelvicSetup {
  const phantom = generateCase(CASE_ID)
  const plan = expertPlan(CASE_ID, phantom)
  const g = phantom.geometry
  const [nx, ny, nz] = g.dims
  const lesion = phantom.lesions[0]
  const c = worldToIjk(g, lesion.centreMm)
  const rMm = 45
  const lo = c.map((x, a) => Math.max(1, Math.floor(x - rMm / g.spacingMm[a])))
  const hi = c.map((x, a) => Math.min(g.dims[a] - 2, Math.ceil(x + rMm / g.spacingMm[a])))
  const roofVoxels: number[] = []
  const veinVoxels: number[] = []
  const L = phantom.labels
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        const v = i + nx * (j + ny * k)
        if (L[v] === S.venousPlexus) veinVoxels.push(v)
        if (L[v] !== S.tumourLytic) continue
        const nb = [v - 1, v + 1, v - nx, v + nx, v - nx * ny, v + nx * ny]
        if (nb.some((u) => L[u] === S.cartilage)) roofVoxels.push(v)
      }
    }
  }
  void nz
  const volume = {
    ...phantomToVolume(CASE_ID, plan.title, phantom),
    labels: phantom.labels.slice(),
  }
  return { phantom, volume, plan, roofVoxels, veinVoxels }
}

/**
 * Prevalences [U]: subchondral roof destroyed by the lytic lesion in 60 %, an intraosseous vein draining
 * the lesion in 50 %; cement high/medium/low 45/35/20 % started 2.5–5 min after mixing; 3–9 mL at
 * 3 mL/min (pelvic lesions take 10.3 mL on average for 43 mm, FACTS §2.1; this one is 32 mm); tip within
 * ±3 voxels of the planned point.
 */
export async function pelvicLeakOutcome(
  setup: PelvicSetup,
  seed: number,
): Promise<PelvicLeakOutcome> {
  const rng = createRng(5000 + seed)
  const roofDefect = rng.next() < 0.6
  const vein = rng.next() < 0.5
  const u = rng.next()
  const viscosity = u < 0.45 ? 'high' : u < 0.8 ? 'medium' : 'low'
  const startAfterMixingS = Math.round(rng.uniform(150, 300))
  const volumeMl = Math.round(rng.uniform(3, 9) * 10) / 10
  const { phantom, plan, volume } = setup
  const sp = phantom.geometry.spacingMm
  const jitter = [0, 1, 2].map((a) => rng.int(-3, 3) * sp[a])
  const restore: [number, number, number][] = []
  const edit = (v: number, label: number, hu: number): void => {
    restore.push([v, volume.labels[v], volume.ct[v]])
    volume.labels[v] = label
    volume.ct[v] = hu
  }
  if (!roofDefect) for (const v of setup.roofVoxels) edit(v, S.corticalBone, 1400)
  if (!vein) for (const v of setup.veinVoxels) edit(v, S.trabecularBone, 200)
  try {
    const trocar = plan.devices.find((d) => d.kind === 'cementTrocar')
    if (!trocar || trocar.kind !== 'cementTrocar') throw new Error('no cement trocar')
    const moved: [number, number, number] = [
      trocar.tipMm[0] + jitter[0],
      trocar.tipMm[1] + jitter[1],
      trocar.tipMm[2] + jitter[2],
    ]
    // A tip jittered out of the bone (into cortex, cartilage or the vein) stays where it was planned.
    const q = worldToIjk(phantom.geometry, moved).map(Math.round)
    const [nx, ny] = phantom.geometry.dims
    const atTip = volume.labels[q[0] + nx * (q[1] + ny * q[2])]
    const inBone = atTip === S.trabecularBone || atTip === S.tumourLytic
    const tipMm = inBone ? moved : trocar.tipMm
    const device = { ...trocar, tipMm, viscosity, startAfterMixingS, volumeMl } as const
    const varied: Plan = { ...plan, devices: [device] }
    const result = await simulateDevice({ ...volume, seed: 31 + seed }, varied, device.id)
    if (!isCementDetail(result.detail)) throw new Error('not a cement result')
    const last = result.detail.frames[result.detail.frames.length - 1]
    const seen = (ml: number | undefined): boolean => (ml ?? 0) >= LEAK_VISIBLE_M3 * 1e6
    const joint = seen(last.leakMl.joint)
    const venous = seen((last.leakMl.venous ?? 0) + (last.leakMl.ivc ?? 0))
    const other = Object.entries(last.leakMl).some(
      ([k, ml]) => k !== 'joint' && k !== 'venous' && k !== 'ivc' && seen(ml),
    )
    return { any: joint || venous || other, joint, venous, other, roofDefect, vein, volumeMl }
  } finally {
    for (let n = restore.length - 1; n >= 0; n--) {
      const [v, label, hu] = restore[n]
      volume.labels[v] = label
      volume.ct[v] = hu
    }
  }
}

/** Rates over `n` seeded cases. */
export async function pelvicLeakRates(setup: PelvicSetup, n: number, first = 0) {
  const outcomes: PelvicLeakOutcome[] = []
  for (let s = first; s < first + n; s++) outcomes.push(await pelvicLeakOutcome(setup, s))
  const rate = (f: (o: PelvicLeakOutcome) => boolean) => outcomes.filter(f).length / n
  return {
    outcomes,
    any: rate((o) => o.any),
    joint: rate((o) => o.joint),
    venous: rate((o) => o.venous),
    other: rate((o) => o.other),
  }
}
