/** Verdict, warnings, metrics and panel detail of an ECT result, in plain words. Pure; LPS mm, V/cm. */
import { sub, type Vec3 } from '../../../lib/vec3'
import type { SimMetric, SimWarning } from '../types'
import type { CoverageGap, EctCoverage, StructureExposure } from './coverage'
import {
  COMPLETE_COVERAGE,
  GENERATOR_MAX_CURRENT_A,
  GENERATOR_SOURCE,
  NAIVE_TARGET_VPERCM,
  TUMOUR_IRREVERSIBLE_VPERCM,
  TUMOUR_REVERSIBLE_VPERCM,
} from './ectFacts'
import type { EctPairRow } from './ectPairs'

export type { EctPairRow } from './ectPairs'

/** What the ECT panel shows besides the common result. */
export interface EctDetail {
  /** Percent of the tumour at or above 400 V/cm, and above 800 V/cm. */
  readonly coveragePct: number
  readonly irreversiblePct: number
  readonly complete: boolean
  readonly tumourVolumeMl: number
  /** The largest uncovered region, or null. */
  readonly gap: CoverageGap | null
  /** Where the largest gap lies relative to the tumour centre, in words ("anterior-left"). */
  readonly gapWhere: string | null
  readonly edgeMinVPerCm: number
  readonly edgeP5VPerCm: number
  /** Mean of the pairs' voltage-to-distance ratios, V/cm. */
  readonly naiveMeanVPerCm: number
  readonly pairs: readonly EctPairRow[]
  readonly exposures: readonly StructureExposure[]
  readonly maxCurrentA: number
  readonly generatorMaxCurrentA: number
  readonly nonlinear: boolean
  readonly roiDims?: readonly [number, number, number]
}

const pct = (f: number): string => `${(100 * f).toFixed(1)} %`
const at = (p: Vec3): [number, number, number] => [p[0], p[1], p[2]]

/** Plain-words side of a point relative to a centre (LPS: +x left, +y posterior, +z superior). */
export function sideWords(fromMm: Vec3, toMm: Vec3): string {
  const d = sub(toMm, fromMm)
  const words: [number, string][] = [
    [d[2], d[2] > 0 ? 'superior' : 'inferior'],
    [d[1], d[1] > 0 ? 'posterior' : 'anterior'],
    [d[0], d[0] > 0 ? 'left' : 'right'],
  ]
  const big = words.filter(
    ([v]) => Math.abs(v) >= 0.5 * Math.max(...words.map(([w]) => Math.abs(w))),
  )
  return big.length > 0 && Math.hypot(d[0], d[1], d[2]) > 1
    ? big.map(([, w]) => w).join('-')
    : 'central'
}

/** Builds the summary of a result. */
export function ectSummary(
  cov: EctCoverage,
  rows: readonly EctPairRow[],
  tumourCentreMm: Vec3,
  nonlinear: boolean,
): {
  verdict: string
  acceptable: boolean
  warnings: SimWarning[]
  metrics: SimMetric[]
  detail: EctDetail
} {
  const complete = cov.tumourVoxels > 0 && cov.reversibleFraction >= COMPLETE_COVERAGE
  const gap = cov.gaps[0] ?? null
  const gapWhere = gap ? sideWords(tumourCentreMm, gap.atMm) : null
  const maxCurrentA = Math.max(0, ...rows.map((r) => r.currentA))
  const overCurrent = rows.filter((r) => r.currentA > GENERATOR_MAX_CURRENT_A)
  const naiveMean = rows.reduce((s, r) => s + r.naiveVPerCm, 0) / Math.max(1, rows.length)
  const warnings: SimWarning[] = []
  if (cov.tumourVoxels === 0) {
    warnings.push({ severity: 'critical', message: 'No tumour was found near the electrodes.' })
  } else if (!complete) {
    warnings.push({
      severity: 'critical',
      message:
        `Incomplete coverage: ${pct(cov.reversibleFraction)} of the tumour reaches ${TUMOUR_REVERSIBLE_VPERCM} V/cm. ` +
        (gap
          ? `The largest gap (${gap.volumeMl.toFixed(2)} mL, field down to ${gap.minVPerCm.toFixed(0)} V/cm) is at the ${gapWhere} edge: move an electrode towards it or raise the voltage of the pairs around it. `
          : '') +
        '94 % coverage gave only a partial response (Miklavčič 2010, FACTS §4.3).',
      ...(gap ? { atMm: at(gap.atMm) } : {}),
    })
  }
  for (const r of overCurrent) {
    warnings.push({
      severity: 'critical',
      message: `Pair ${r.anode}–${r.cathode} draws ${r.currentA.toFixed(1)} A, above the generator's ${GENERATOR_MAX_CURRENT_A} A: the pulse would be cut short. Lower its voltage or shorten the active parts.`,
    })
  }
  for (const x of cov.exposures) {
    const irreversible = x.aboveIrreversibleMl > 0
    warnings.push({
      severity: irreversible ? 'warning' : 'info',
      message: irreversible
        ? `${x.name}: ${x.aboveIrreversibleMl.toFixed(2)} mL above its irreversible threshold (${x.irreversibleVPerCm} V/cm; up to ${x.maxVPerCm.toFixed(0)} V/cm): permanent damage is possible there.`
        : `${x.name}: ${x.aboveReversibleMl.toFixed(2)} mL reversibly electroporated (above ${x.reversibleVPerCm} V/cm, up to ${x.maxVPerCm.toFixed(0)} V/cm).`,
      atMm: at(x.atMm),
    })
  }
  for (const r of rows) {
    if (!r.converged) {
      warnings.push({
        severity: 'warning',
        message: `Pair ${r.anode}–${r.cathode}: the conductivity iteration did not converge in ${r.iterations} solves; its field is approximate.`,
      })
    }
  }
  if (cov.tumourVoxels > 0 && cov.edgeP5VPerCm < 0.75 * naiveMean) {
    warnings.push({
      severity: 'info',
      message: `Voltage ÷ distance says ${naiveMean.toFixed(0)} V/cm, but the field at the tumour edge is as low as ${cov.edgeP5VPerCm.toFixed(0)} V/cm (5th percentile): the local field, not U/d, decides coverage (Čorović 2007).`,
    })
  }
  const acceptable = complete && overCurrent.length === 0
  const verdict =
    cov.tumourVoxels === 0
      ? 'No tumour near the electrodes: nothing to cover.'
      : complete
        ? `Complete coverage: ${pct(cov.reversibleFraction)} of the tumour above ${TUMOUR_REVERSIBLE_VPERCM} V/cm (${pct(cov.irreversibleFraction)} above ${TUMOUR_IRREVERSIBLE_VPERCM} V/cm); highest current ${maxCurrentA.toFixed(1)} A${overCurrent.length ? `, above the generator's ${GENERATOR_MAX_CURRENT_A} A` : ''}.`
        : `Incomplete coverage: ${pct(cov.reversibleFraction)} of the tumour above ${TUMOUR_REVERSIBLE_VPERCM} V/cm${gap ? `; the largest gap is at the ${gapWhere} edge` : ''}.`
  const metrics: SimMetric[] = [
    {
      label: `Tumour ≥ ${TUMOUR_REVERSIBLE_VPERCM} V/cm (coverage)`,
      value: 100 * cov.reversibleFraction,
      unit: '%',
      digits: 1,
      band: [100 * cov.coverageAt110, 100 * cov.coverageAt90],
      source: `Goal 100 %; 94 % is incomplete (FACTS §4.3, §8 case 14). Band: threshold ±10 % (FACTS §4.2).`,
    },
    {
      label: `Tumour ≥ ${TUMOUR_IRREVERSIBLE_VPERCM} V/cm (irreversible)`,
      value: 100 * cov.irreversibleFraction,
      unit: '%',
      digits: 1,
      source: 'FACTS §4.2 (Go-Smart tumour threshold)',
    },
    {
      label: 'Tumour volume',
      value: cov.tumourVolumeMl,
      unit: 'mL',
      digits: 1,
      source: 'Phantom labels',
    },
    {
      label: 'Uncovered tumour',
      value: cov.gaps.reduce((s, g) => s + g.volumeMl, 0),
      unit: 'mL',
      digits: 2,
      source: 'Tumour voxels below the reversible threshold',
    },
    {
      label: 'Field at the tumour edge (5th percentile)',
      value: cov.edgeP5VPerCm,
      unit: 'V/cm',
      digits: 0,
      source: 'Minimum E inside the target sets the voltage (Čorović 2007, FACTS §4.2)',
    },
    {
      label: 'Voltage ÷ distance (mean over pairs)',
      value: naiveMean,
      unit: 'V/cm',
      digits: 0,
      source: `Naive rule, ~${NAIVE_TARGET_VPERCM} V/cm for needles (ESOPE, FACTS §4.1); not the local field`,
    },
    {
      label: 'Highest current of a pair',
      value: maxCurrentA,
      unit: 'A',
      digits: 1,
      source: `Electrode flux at the final σ; limit ${GENERATOR_SOURCE}`,
    },
    { label: 'Activated pairs', value: rows.length, unit: '', digits: 0, source: 'Plan sequence' },
  ]
  return {
    verdict,
    acceptable,
    warnings,
    metrics,
    detail: {
      coveragePct: 100 * cov.reversibleFraction,
      irreversiblePct: 100 * cov.irreversibleFraction,
      complete,
      tumourVolumeMl: cov.tumourVolumeMl,
      gap,
      gapWhere,
      edgeMinVPerCm: cov.edgeMinVPerCm,
      edgeP5VPerCm: cov.edgeP5VPerCm,
      naiveMeanVPerCm: naiveMean,
      pairs: rows,
      exposures: cov.exposures,
      maxCurrentA,
      generatorMaxCurrentA: GENERATOR_MAX_CURRENT_A,
      nonlinear,
    },
  }
}
