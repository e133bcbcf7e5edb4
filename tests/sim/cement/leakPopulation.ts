/**
 * Seeded variations of a metastatic vertebra for the leak statistics (FACTS §8.11): each case draws its
 * pathology (posterior-wall or endplate destruction, lytic lesion size, which veins drain the body), bone
 * density, trocar-tip position, cement class, start time and volume from a seeded generator, injects, and
 * records which routes leaked a visible amount (≥ LEAK_VISIBLE_M3). The population's prevalences are
 * teaching assumptions [U], stated here and in src/sim/cement/README.md.
 */
import { createRng } from '../../../src/lib/rng'
import type { Vec3 } from '../../../src/lib/vec3'
import {
  buildPorousMedium,
  CEMENTS,
  type CementKind,
  createCementState,
  LEAK_VISIBLE_M3,
  leakVolumeByPathway,
  stepCement,
} from '../../../src/sim/cement'
import { H, makeVertebra } from './fixtures'

/** One simulated patient. */
export interface LeakOutcome {
  readonly any: boolean
  readonly canal: boolean
  readonly vascular: boolean
  readonly disc: boolean
  readonly posteriorDefect: boolean
  readonly volumeMl: number
  readonly ivc: boolean
}

/**
 * Prevalences [U]: posterior-wall destruction 35 % (a risk factor in Tang 2022's cohort), endplate
 * destruction 35 %, tumour through the lateral cortex 40 % (cortical leaks 32 %, Corcos 2014), a lytic lesion in 80 % (4–8 mm radius), a basivertebral vein draining to the epidural
 * plexus in 75 %, a segmental vein to the vena cava in 40 %; cement high/medium/low 45/35/20 % started
 * 2.5–5 min after mixing; 2–5 mL at 3 mL/min; tip within ±2 mm of the planned point.
 */
export function leakOutcome(seed: number): LeakOutcome {
  const rng = createRng(1000 + seed)
  const posteriorDefect = rng.next() < 0.35
  const vb = makeVertebra({
    posteriorDefect,
    endplateDefect: rng.next() < 0.35,
    lateralDefect: rng.next() < 0.4,
    basivertebralVein: rng.next() < 0.75,
    segmentalVein: rng.next() < 0.4,
    ...(rng.next() < 0.8 ? { lyticRadiusMm: rng.int(4, 8) } : {}),
    trabecularHu: rng.uniform(120, 260),
    seed: 7 + seed,
  })
  const u = rng.next()
  const kind: CementKind = u < 0.45 ? 'high' : u < 0.8 ? 'medium' : 'low'
  const startS = rng.uniform(150, 300)
  const volumeMl = rng.uniform(2, 5)
  const tipM: Vec3 = [
    vb.tipM[0] + rng.int(-2, 2) * H,
    vb.tipM[1] + rng.int(-2, 2) * H,
    vb.tipM[2] + rng.int(-2, 2) * H,
  ]
  const medium = buildPorousMedium({
    grid: vb.grid,
    hu: vb.hu,
    labels: vb.labels,
    needle: { entryM: vb.entryM, tipM },
    seed: 31 + seed,
  })
  const st = createCementState({ medium, tipM, cement: CEMENTS[kind], injectionStartS: startS })
  const target = volumeMl * 1e-6
  while (st.injectedM3 < target * (1 - 1e-12) && st.status !== 'blocked' && st.status !== 'set') {
    stepCement(st, { rateM3PerS: 5e-8, targetVolumeM3: target }, 5)
  }
  const by = leakVolumeByPathway(st.leaks)
  const seen = (m3: number): boolean => m3 >= LEAK_VISIBLE_M3
  const canal = seen(by.epidural)
  const vascular = seen(by.venous + by.ivc)
  const disc = seen(by.disc)
  const other = seen(by.foramen + by.needleTrack + by.paravertebral)
  return {
    any: canal || vascular || disc || other,
    canal,
    vascular,
    disc,
    posteriorDefect,
    volumeMl,
    ivc: st.pulmonaryEmbolismWarning,
  }
}

/** Rates over `n` seeded cases. */
export function leakRates(n: number, first = 0) {
  const out = Array.from({ length: n }, (_, s) => leakOutcome(first + s))
  const rate = (f: (o: LeakOutcome) => boolean) => out.filter(f).length / n
  return {
    outcomes: out,
    any: rate((o) => o.any),
    canal: rate((o) => o.canal),
    vascular: rate((o) => o.vascular),
    disc: rate((o) => o.disc),
    ivc: rate((o) => o.ivc),
  }
}
