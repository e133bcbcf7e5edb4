/**
 * The MRgFUS / HIFU simulation of a focused-ultrasound transducer: the beam path through the case labels
 * (crossings, incidence at bone, skin), the acoustic field of every sonication on a beam-aligned region
 * around the focus, heating and cumulative CEM43 by the Pennes solver, and overlays for the views. Pure.
 */
import { inBounds, worldToIjk } from '../../../lib/space'
import { dot, type Vec3 } from '../../../lib/vec3'
import { hifuGeometry, type DeviceOf } from '../../../plan'
import { STEERING_LIMITS_M } from '../../../sim/acoustic/bowlTransducer'
import type { CtVolume } from '../../volume'
import type { ProcedureResult, SimContext, SimulateFn } from '../types'
import { beamFrame, beamRegion, resampleLabels } from './beamFrame'
import {
  analyseBeam,
  axisPolyline,
  coneMaskOverlay,
  conePolyline,
  crossesGas,
  gasNames,
} from './beamGeometry'
import { doseOverlay, focalRegionOverlay, temperatureOverlay } from './fieldOverlays'
import { parseHifuOptions, type HifuDetail, type HifuSonicationResult } from './hifuTypes'
import { sonicationList } from './sonicationList'
import { runHifuHeating, targetSurfaceMask, type PlannedSonication } from './sonicate'
import { beamWarnings, doseFigures, heatingWarnings, hifuMetrics } from './summary'

export type { HifuDetail, HifuOptions, HifuSonicationSpec } from './hifuTypes'
export { AUTO_GRID } from './sonicationList'

/** Field grid spacing, mm: λ/3 at 1 MHz, inside the angular-spectrum sampling limit up to 1.5 MHz. */
const FIELD_SPACING_MM = 0.5
/** Smallest and largest half-extent of the simulated region, mm. */
const REGION_HALF_MM = { min: 16, max: 24 } as const

/** Region half-extents (lateral, axial) that hold every sonication focus with its focal spot. */
function regionHalfMm(list: readonly PlannedSonication[], axis: Vec3): [number, number] {
  let lat = 0
  let ax = 0
  for (const s of list) {
    const a = dot(s.offsetMm, axis)
    ax = Math.max(ax, Math.abs(a))
    lat = Math.max(lat, Math.sqrt(Math.max(0, Math.hypot(...s.offsetMm) ** 2 - a * a)))
  }
  const clamp = (x: number): number => Math.min(REGION_HALF_MM.max, Math.max(REGION_HALF_MM.min, x))
  return [clamp(lat + 8), clamp(ax + 12)]
}

function checkInside(volume: CtVolume, device: DeviceOf<'hifuTransducer'>): void {
  const [i, j, k] = worldToIjk(volume.geometry, device.tipMm)
  if (!inBounds(volume.geometry, Math.round(i), Math.round(j), Math.round(k))) {
    throw new Error(
      'The transducer focus lies outside the scan: place the focus on the target bone.',
    )
  }
}

async function simulate(
  volume: CtVolume,
  device: DeviceOf<'hifuTransducer'>,
  options: unknown,
  ctx: SimContext,
): Promise<ProcedureResult<HifuDetail>> {
  const started = Date.now()
  if (!volume.labels) {
    throw new Error('The HIFU simulation needs tissue labels: it runs on the built-in cases.')
  }
  checkInside(volume, device)
  const opts = parseHifuOptions(options)
  const frame = beamFrame(device)
  ctx.progress(0, 'Beam path')
  const { list, source } = sonicationList(device, opts, () => {
    // A 1 mm beam-aligned block around the focus, wide enough for the lateral steering reach.
    const geom = beamRegion(frame, [48, 48, 48], 2 * FIELD_SPACING_MM)
    return { geom, labels: resampleLabels(volume, geom) }
  })
  const maxPowerW = Math.max(...list.map((s) => s.acousticPowerW))
  const maxDurationS = Math.max(...list.map((s) => s.durationS))
  const report = analyseBeam(volume, device, maxPowerW, { durationS: maxDurationS })
  const [lat, ax] = regionHalfMm(list, frame.axis)
  const nLat = 2 * Math.ceil(lat / FIELD_SPACING_MM)
  const nAx = 2 * Math.ceil(ax / FIELD_SPACING_MM)
  const fieldGeom = beamRegion(frame, [nLat, nLat, nAx], FIELD_SPACING_MM)
  const heatGeom = beamRegion(frame, [nLat / 2, nLat / 2, nAx / 2], 2 * FIELD_SPACING_MM)
  const heatLabels = resampleLabels(volume, heatGeom)
  const heating = await runHifuHeating(
    {
      frequencyHz: device.frequencyMHz * 1e6,
      apertureM: device.apertureMm / 1000,
      radiusM: device.radiusOfCurvatureMm / 1000,
      focusMm: frame.focusMm,
      axisLps: frame.axis,
      fieldGeom,
      fieldLabels: resampleLabels(volume, fieldGeom),
      heatGeom,
      heatLabels,
      sonications: list,
      ctLabels: volume.labels,
      ctGeom: volume.geometry,
    },
    ctx,
  )
  ctx.progress(1, 'Summary')
  const sonications: HifuSonicationResult[] = list.map((s, n) => {
    const r = heating.runs[n]!
    return {
      ...s,
      startS: r.startS,
      energyJ: s.acousticPowerW * s.durationS,
      mode: r.mode,
      steeringEfficiency: r.steeringEfficiency,
      peakPressureMPa: r.peakPressurePa / 1e6,
      peakTempC: r.peakTempC,
      fieldMs: r.fieldMs,
    }
  })
  const target = targetSurfaceMask(heatGeom, heatLabels, STEERING_LIMITS_M.lateral * 1000)
  const voxelMl = (2 * FIELD_SPACING_MM) ** 3 / 1000
  const dose = doseFigures(
    heating.state.damage.cem43Min,
    heating.state.damage.maxTempC,
    target,
    voxelMl,
  )
  const warnings = [...beamWarnings(report, frame.focusMm), ...heatingWarnings(sonications, dose)]
  const acceptable = !warnings.some((w) => w.severity === 'critical')
  const meanMs = sonications.reduce((a, s) => a + s.fieldMs, 0) / sonications.length
  const totalEnergyJ = sonications.reduce((a, s) => a + s.energyJ, 0)
  const isGas = crossesGas(report)
  const id = device.id
  const coverage = Number.isNaN(dose.surfaceCovered) ? 0 : 100 * dose.surfaceCovered
  const verdict = isGas
    ? `Unsafe: the beam crosses ${gasNames(report).join(' and ')}. Move the transducer to a window clear of gas.`
    : !acceptable
      ? `Unsafe: ${warnings.find((w) => w.severity === 'critical')?.message ?? ''}`
      : `Clear beam path; ${coverage.toFixed(0)} % of the target bone surface reaches 240 CEM43 with ${sonications.length} sonication(s), ${(totalEnergyJ / 1000).toFixed(1)} kJ.`
  const geo = hifuGeometry(device)
  const detail: HifuDetail = {
    frequencyMHz: device.frequencyMHz,
    apertureMm: device.apertureMm,
    radiusOfCurvatureMm: device.radiusOfCurvatureMm,
    fNumber: geo.fNumber,
    steeringLimitsMm: {
      lateral: STEERING_LIMITS_M.lateral * 1000,
      axial: STEERING_LIMITS_M.axial * 1000,
    },
    sonicationSource: source,
    sonications,
    totalEnergyJ,
    field: {
      method: heating.fieldMethod,
      dims: fieldGeom.dims,
      spacingMm: FIELD_SPACING_MM,
      elements: heating.elementCount,
      meanMs,
    },
    crossings: report.crossings.map((c) => ({
      name: c.name,
      coneFraction: c.coneFraction,
      nearestToFocusMm: c.nearestToFocusM * 1000,
    })),
    crossesGas: isGas,
    incidenceDeg: report.boneIncidence ? (report.boneIncidence.incidenceRad * 180) / Math.PI : null,
    criticalAngleDeg:
      report.boneIncidence && Number.isFinite(report.boneIncidence.criticalRad)
        ? (report.boneIncidence.criticalRad * 180) / Math.PI
        : null,
    surfaceCoveredFraction: coverage / 100,
  }
  return {
    procedure: 'hifu',
    deviceId: id,
    verdict,
    acceptable,
    metrics: hifuMetrics(report, sonications, dose, meanMs, heating.fieldMethod),
    warnings,
    series: [
      {
        id: 'peak-temperature',
        label: 'Peak temperature in the focal region',
        xLabel: 'Time',
        xUnit: 's',
        yLabel: 'Temperature',
        yUnit: '°C',
        x: heating.seriesTimeS,
        y: heating.seriesPeakC,
        thresholds: [
          { value: 43, label: '43 °C (CEM43 reference)' },
          { value: 60, label: '60 °C (near-instant coagulation)' },
        ],
      },
    ],
    overlays: [
      coneMaskOverlay(
        device,
        'beam-cone',
        isGas ? `Beam cone — crosses ${gasNames(report).join(', ')}` : 'Beam cone (clear path)',
        isGas ? '#ff4d4d' : '#4ade80',
      ),
      conePolyline(
        device,
        'beam-edges',
        isGas ? 'Beam cone edges — crosses gas' : 'Beam cone edges',
        isGas ? '#ff4d4d' : '#4ade80',
      ),
      axisPolyline(device, 'beam-axis'),
      focalRegionOverlay('focal-region', fieldGeom, heating.pressureEnvelope),
      doseOverlay('cem43', heatGeom, heating.frames),
      temperatureOverlay('temperature', heatGeom, heating.frames),
    ],
    durationS: heating.durationS,
    modelNote:
      'Spherical bowl (uniform velocity from the power) as a Rayleigh sum of 1.5 λ elements on one plane, propagated through a 0.5 mm beam-aligned region by the angular spectrum; each of 8 sub-apertures is attenuated (Duck/PRESTUS α, FACTS §3.4) and transmitted at interfaces (fluid–fluid, no shear, total reflection beyond the critical angle) along its own direction. q = 2αI drives the Pennes solver on a 1 mm grid (FACTS §1.2); CEM43 per Sapareto–Dewey (FACTS §1.1). Not modelled: refraction and phase aberration, standing waves, nonlinearity, cavitation, boiling, MR thermometry. Teaching tool, not for clinical use.',
    elapsedMs: Date.now() - started,
    detail,
  }
}

export const simulateHifu: SimulateFn = (volume, _plan, device, options, ctx) => {
  if (device.kind !== 'hifuTransducer') {
    return Promise.reject(new Error(`simulateHifu: "${device.id}" is not a HIFU transducer.`))
  }
  return simulate(volume, device, options, ctx)
}
