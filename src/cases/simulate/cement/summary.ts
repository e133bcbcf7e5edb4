/**
 * A cement run in words and numbers: verdict, metrics with sources, leak and safety warnings (with their
 * place), and the fill and pressure curves. Pure.
 */
import { type CementState, CEMENTS, LEAK_VISIBLE_M3, leakSeverity } from '../../../sim/cement'
import type { SimMetric, SimSeries, SimWarning } from '../types'
import { type CementEndReason, type CementFrameInfo, LEAK_NAMES, type LeakPathway } from './detail'
import type { InjectionPlan } from './injectionPlan'

/** Cement closer than this to the canal without leaking: exotherm caution (FACTS §2.5) [U]. */
const CANAL_CAUTION_MM = 3

export const CEMENT_MODEL_NOTE =
  'PMMA is injected at a fixed rate from the trocar tip into the porous bone of the CT (src/sim/cement): Darcy flow in the cement-filled cluster with an invasion-percolation front (each voxel opens when the cement pressure beats its entry pressure), permeability from HU by Kozeny–Carman calibrated to Baroud 2004 (4.45 / 3.44 × 10⁻⁸ m² SI / AP, FACTS §2.4), lytic tumour displaced easily, viscosity rising exponentially after mixing with shear thinning and a yield stress (FACTS §2.3; Pa·s values are teaching values [U]). Leak pathways (epidural space, disc, veins, vena cava, foramina, needle track, soft tissue) come from the anatomy labels with teaching entry pressures [U], calibrated so that seeded metastatic vertebrae leak at rates within the published ranges (FACTS §2.2, §8.11). No exotherm is simulated: the canal note follows FACTS §2.5. Mass is conserved exactly. Teaching tool, not for clinical use.'

const SEVERITY: Record<ReturnType<typeof leakSeverity>, SimWarning['severity']> = {
  major: 'critical',
  moderate: 'warning',
  minor: 'info',
}

const mmss = (s: number): string =>
  `${Math.floor(s / 60)}:${Math.floor(s % 60)
    .toString()
    .padStart(2, '0')}`

/** Inputs of the summary. */
export interface SummaryInput {
  readonly state: CementState
  readonly frames: readonly CementFrameInfo[]
  readonly plan: InjectionPlan
  readonly end: CementEndReason
  readonly labelsInferred: boolean
  /** ROI voxel index → LPS mm. */
  readonly roiToMm: (v: number) => readonly [number, number, number]
}

/** What the result shows. */
export interface CementSummary {
  readonly verdict: string
  readonly acceptable: boolean
  readonly metrics: SimMetric[]
  readonly warnings: SimWarning[]
  readonly series: SimSeries[]
}

function warningsOf(input: SummaryInput, last: CementFrameInfo): SimWarning[] {
  const { state, plan, end } = input
  const out: SimWarning[] = []
  const t0 = plan.startAfterMixingS
  // One warning per route: its total volume, severity, first time and where it started.
  const byRoute = new Map<
    LeakPathway,
    { ml: number; sev: number; t: number; at: number; n: number }
  >()
  const rank = { minor: 0, moderate: 1, major: 2 } as const
  for (const site of state.leaks) {
    if (site.pathway === 'body' || site.pathway === 'barrier' || !(site.volumeM3 > 0)) continue
    const cur = byRoute.get(site.pathway)
    const sev = rank[leakSeverity(site)]
    if (!cur) {
      byRoute.set(site.pathway, {
        ml: site.volumeM3 * 1e6,
        sev,
        t: site.firstTimeS,
        at: site.entryVoxel,
        n: 1,
      })
      continue
    }
    cur.ml += site.volumeM3 * 1e6
    cur.sev = Math.max(cur.sev, sev)
    cur.n++
    if (site.firstTimeS < cur.t) {
      cur.t = site.firstTimeS
      cur.at = site.entryVoxel
    }
  }
  const names = ['minor', 'moderate', 'major'] as const
  for (const [route, r] of byRoute) {
    // Severity of the route as a whole: its total volume counts, not only its largest site.
    const whole = leakSeverity({
      id: -1,
      pathway: route,
      entryVoxel: r.at,
      entryLabel: 0,
      firstTimeS: r.t,
      volumeM3: r.ml * 1e-6,
    })
    const sev = names[Math.max(r.sev, rank[whole])]!
    if (r.ml * 1e-6 < LEAK_VISIBLE_M3) {
      out.push({
        severity: 'info',
        message: `A trace of cement (${(r.ml * 1000).toFixed(1)} µL, below what CT shows) touched the ${LEAK_NAMES[route]}.`,
        atMm: input.roiToMm(r.at),
      })
      continue
    }
    out.push({
      severity: SEVERITY[sev],
      message: `Leak into the ${LEAK_NAMES[route]}: ${r.ml.toFixed(2)} mL (${sev}${r.n > 1 ? `, ${r.n} sites` : ''}), from ${mmss(r.t - t0)} into the injection.`,
      atMm: input.roiToMm(r.at),
    })
  }
  if (state.pulmonaryEmbolismWarning) {
    out.push({
      severity: 'critical',
      message:
        'Cement reached the vena cava side: risk of pulmonary cement embolism (symptomatic PE in about 1.7 %, FACTS §2.2 Barragán-Campos 2006). Stop and wait for the cement to thicken.',
    })
  }
  const d = last.canalDistanceMm
  if ((last.leakMl.epidural ?? 0) > 0) {
    out.push({
      severity: 'critical',
      message:
        'Exotherm: cement lies in the canal, so its polymerisation heat reaches the dura and roots directly (FACTS §2.5, Belkoff & Molloy 2003).',
    })
  } else if (d !== null && d < CANAL_CAUTION_MM) {
    out.push({
      severity: 'warning',
      message: `Exotherm: cement within ${d.toFixed(1)} mm of the canal; the core gets far hotter than the canal, which stayed ≤ 43 °C in studies without leak toward it (FACTS §2.5).`,
    })
  } else {
    out.push({
      severity: 'info',
      message: `Exotherm: the cement core gets far hotter than the canal unless cement leaks toward it (FACTS §2.5); nearest cement ${d === null ? 'far from' : `${d.toFixed(1)} mm from`} the canal.`,
    })
  }
  if (end === 'blocked') {
    out.push({
      severity: 'warning',
      message: `The cement could go nowhere after ${last.volumeMl.toFixed(2)} mL (sealed in): the injection stopped.`,
    })
  } else if (end === 'set') {
    out.push({
      severity: 'warning',
      message: `${CEMENTS[plan.cement].name} set after ${last.volumeMl.toFixed(2)} mL: inject earlier or faster.`,
    })
  }
  if (input.labelsInferred) {
    out.push({
      severity: 'info',
      message:
        'This scan has no anatomy labels: bone, soft tissue and leak routes were inferred from HU thresholds, so veins and the canal are not modelled.',
    })
  }
  return out
}

/** Verdict, metrics, warnings and series of a finished run. */
export function buildSummary(input: SummaryInput): CementSummary {
  const { frames, plan } = input
  const last = frames[frames.length - 1]!
  const warnings = warningsOf(input, last)
  const acceptable = !warnings.some((w) => w.severity === 'critical')
  const leakEntries = Object.entries(last.leakMl) as [LeakPathway, number][]
  const leakText =
    leakEntries.length === 0
      ? 'no leak'
      : `leaks: ${leakEntries.map(([p, ml]) => `${LEAK_NAMES[p]} ${ml.toFixed(2)} mL`).join(', ')}`
  const verdict = `${last.volumeMl.toFixed(1)} mL injected${plan.stoppedAtMl !== null ? ' (stopped)' : ''}: ${last.lesionFillPct.toFixed(0)} % of the lesion and ${last.bodyFillPct.toFixed(0)} % of the cancellous bone filled; ${leakText}.`
  const metrics: SimMetric[] = [
    {
      label: 'Cement injected',
      value: last.volumeMl,
      unit: 'mL',
      digits: 2,
      source: 'Lumbar 3–6 mL, thoracic 2–4 mL [U]; pelvic lesions 10.3 mL on average (FACTS §2.1).',
    },
    {
      label: 'Lesion filled',
      value: last.lesionFillPct,
      unit: '%',
      digits: 0,
      source: 'Pelvic lesions were filled 54.8 % on average (FACTS §2.1, Skeletal Radiol 2019).',
    },
    {
      label: 'Cancellous bone filled',
      value: last.bodyFillPct,
      unit: '%',
      digits: 0,
      source: 'Bench models fill about 20 % of the vertebral-body volume (FACTS §2.1, §2.4).',
    },
    {
      label: 'Leaked cement',
      value: last.leakTotalMl,
      unit: 'mL',
      digits: 2,
      source:
        'Metastatic vertebrae leak in 50–57 % (canal ~16 %, vascular 10–25 %) (FACTS §2.2, §8.11).',
    },
    // Leaks by site: the routes that took a visible amount.
    ...leakEntries.map(([p, ml]) => ({
      label: `Leak: ${LEAK_NAMES[p]}`,
      value: ml,
      unit: 'mL',
      digits: 2,
      source: 'Leak sites by route (FACTS §2.2).',
    })),
    {
      label: 'Tip pressure (end)',
      value: last.tipPressureKPa,
      unit: 'kPa',
      digits: 1,
      source:
        'Cement pressure above marrow at the trocar tip; cadaver 5.09 kPa without a void, 1.20 kPa with (FACTS §2.4).',
    },
    ...(last.canalDistanceMm === null
      ? []
      : [
          {
            label: 'Cement–canal distance',
            value: last.canalDistanceMm,
            unit: 'mm',
            digits: 1,
            source: 'Exotherm risk at the canal (FACTS §2.5).',
          },
        ]),
  ]
  const series: SimSeries[] = [
    {
      id: 'cement-fill',
      label: 'Lesion fill vs volume',
      xLabel: 'Injected',
      xUnit: 'mL',
      yLabel: 'Lesion filled',
      yUnit: '%',
      x: frames.map((f) => f.volumeMl),
      y: frames.map((f) => f.lesionFillPct),
      thresholds: [{ value: 54.8, label: 'pelvic mean 54.8 % (FACTS §2.1)' }],
    },
    {
      id: 'cement-pressure',
      label: 'Injection pressure vs time',
      xLabel: 'Time',
      xUnit: 's',
      yLabel: 'Tip pressure',
      yUnit: 'kPa',
      x: frames.map((f) => f.timeS),
      y: frames.map((f) => f.tipPressureKPa),
    },
  ]
  return { verdict, acceptable, metrics, warnings, series }
}
