/**
 * Warnings, metrics and the verdict of a HIFU run, from the beam-path report and the heating result.
 * Pure.
 */
import type { BeamPathReport } from '../../../sim/acoustic/analyseBeamPath'
import { CEM43_NECROSIS_MIN } from '../../../sim/bioheat/damage'
import { countAtLeast, peakOf } from '../../../sim/acoustic/gridOps'
import type { SimMetric, SimWarning } from '../types'
import { crossesGas, gasNames } from './beamGeometry'
import type { HifuSonicationResult } from './hifuTypes'

const deg = (rad: number): number => (rad * 180) / Math.PI

/** Dose figures on the bioheat grid. */
export interface DoseFigures {
  /** Target bone-surface voxels at ≥ 240 CEM43, fraction (NaN when there is no target surface). */
  readonly surfaceCovered: number
  readonly surfaceVoxels: number
  /** Tissue volume at ≥ 240 CEM43, mL. */
  readonly necrosisMl: number
  readonly peakTempC: number
}

/** Dose figures from the final CEM43 and peak-temperature maps and the target mask. */
export function doseFigures(
  cem43Min: Float32Array,
  maxTempC: Float32Array,
  target: Uint8Array,
  voxelMl: number,
): DoseFigures {
  const c = countAtLeast(cem43Min, CEM43_NECROSIS_MIN, target)
  return {
    surfaceCovered: c.maskSize > 0 ? c.inMask / c.maskSize : NaN,
    surfaceVoxels: c.maskSize,
    necrosisMl: c.all * voxelMl,
    peakTempC: peakOf(maxTempC),
  }
}

/** Warnings of the beam path (gas first, as the one critical finding teachers look for). */
export function beamWarnings(
  report: BeamPathReport,
  focusMm: readonly [number, number, number],
): SimWarning[] {
  const out: SimWarning[] = []
  if (crossesGas(report)) {
    out.push({
      severity: 'critical',
      message: `The beam crosses ${gasNames(report).join(' and ')}: gas reflects nearly all the ultrasound (risk of bowel injury and of heating where the beam is reflected). Move the transducer to a window clear of gas.`,
      atMm: focusMm,
    })
  }
  for (const w of report.warnings) {
    if (w.code === 'gasInPath') continue
    out.push({
      severity:
        w.severity === 'critical' ? 'critical' : w.severity === 'caution' ? 'warning' : 'info',
      message: w.message,
    })
  }
  return out
}

/** Warnings of the heating run. */
export function heatingWarnings(
  sonications: readonly HifuSonicationResult[],
  dose: DoseFigures,
): SimWarning[] {
  const out: SimWarning[] = []
  const moved = sonications.filter((s) => s.mode === 'moved').length
  if (moved > 0) {
    out.push({
      severity: 'info',
      message: `${moved} sonication(s) lie beyond the electronic steering range (±10 mm lateral, ±15 mm axial): simulated with the transducer moved mechanically.`,
    })
  }
  if (dose.peakTempC >= 90) {
    out.push({
      severity: 'warning',
      message: `Peak temperature ${dose.peakTempC.toFixed(0)} °C: near 100 °C tissue dries out and boils (modelled only as a source roll-off from 90 °C); lower the power or shorten the sonications.`,
    })
  }
  if (!(dose.surfaceCovered > 0)) {
    out.push({
      severity: 'warning',
      message: Number.isNaN(dose.surfaceCovered)
        ? 'No bone surface faces the beam near the focus: periosteal denervation needs the focus on the cortex.'
        : 'No part of the target bone surface reaches 240 CEM43: raise the power or the duration, or move the focus onto the cortex.',
    })
  }
  return out
}

/** The metric rows of a run. */
export function hifuMetrics(
  report: BeamPathReport,
  sonications: readonly HifuSonicationResult[],
  dose: DoseFigures,
  fieldMeanMs: number,
  fieldMethod: string,
): SimMetric[] {
  const energy = sonications.reduce((e, s) => e + s.energyJ, 0)
  const out: SimMetric[] = [
    { label: 'Sonications', value: sonications.length, unit: '', digits: 0 },
    {
      label: 'Acoustic energy, total',
      value: energy,
      unit: 'J',
      digits: 0,
      source: 'Σ power × duration (FACTS §3.2: 32–96 W, 20–30 s per sonication)',
    },
    {
      label: 'Peak focal pressure',
      value: Math.max(...sonications.map((s) => s.peakPressureMPa)),
      unit: 'MPa',
      digits: 2,
      source: 'Rayleigh/angular-spectrum field with path attenuation (src/sim/acoustic)',
    },
    {
      label: 'Peak temperature',
      value: dose.peakTempC,
      unit: '°C',
      digits: 0,
      band: [37 + 0.8 * (dose.peakTempC - 37), 37 + 1.2 * (dose.peakTempC - 37)],
      source: 'Pennes bioheat (FACTS §1.2); trial tumour temperatures 65–85 °C (FACTS §3.1)',
    },
    {
      label: 'Target bone surface ≥ 240 CEM43',
      value: Number.isNaN(dose.surfaceCovered) ? 0 : 100 * dose.surfaceCovered,
      unit: '%',
      digits: 0,
      source:
        'Bone (or intraosseous lesion) surface facing the beam within ±10 mm of the axis; CEM43 FACTS §1.1',
    },
    {
      label: 'Volume ≥ 240 CEM43',
      value: dose.necrosisMl,
      unit: 'mL',
      digits: 2,
      source: 'CEM43 ≥ 240 min (FACTS §1.1, soft-tissue threshold [U])',
    },
  ]
  if (report.boneIncidence) {
    out.push({
      label: 'Incidence at bone (critical angle)',
      value: deg(report.boneIncidence.incidenceRad),
      unit: '°',
      digits: 0,
      band: [0, deg(report.boneIncidence.criticalRad)],
      source: 'Beam axis vs bone-surface normal; critical angle asin(c₁/c₂) (FACTS §3.4)',
    })
  }
  if (report.skin) {
    out.push(
      {
        label: 'Skin to focus',
        value: report.skin.distanceToFocusM * 1000,
        unit: 'mm',
        digits: 0,
      },
      {
        label: 'Energy density at the skin (per sonication)',
        value: report.skin.energyDensityJPerM2 / 1e4,
        unit: 'J/cm²',
        digits: 1,
        source: 'Power × duration over the geometric cone section at the skin; limit 100 J/cm² [G]',
      },
    )
  }
  out.push({
    label: `Field solve per sonication (${fieldMethod})`,
    value: fieldMeanMs,
    unit: 'ms',
    digits: 0,
  })
  return out
}
