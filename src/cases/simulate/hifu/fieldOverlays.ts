/**
 * The HIFU result's field overlays: the −6 dB focal regions of the computed pressure field, the
 * temperature maps and the cumulative CEM43 dose with its 240-minute contour. Pure; LPS.
 */
import type { FieldOverlay } from '../../../lib/fieldOverlay'
import type { VolumeGeometry } from '../../../lib/space'
import type { HeatFrame } from './sonicate'

/** The pressure envelope (max over sonications of p / p_peak) in dB, with its −6 dB contour. */
export function focalRegionOverlay(
  id: string,
  grid: VolumeGeometry,
  envelope: Float32Array,
): FieldOverlay {
  // Floor at −40 dB (1 % of the peak pressure): below it the colour map is transparent anyway.
  const data = envelope.map((e) => (e > 0.01 ? 20 * Math.log10(e) : -40))
  return {
    type: 'field',
    id,
    label: 'Pressure re focal peak',
    unit: 'dB',
    grid,
    frames: [{ timeS: 0, data }],
    colormap: 'field',
    range: [-12, 0],
    opacity: 0.45,
    contours: [{ level: -6, color: '#ffd166', label: '−6 dB focal region (field)', show3d: true }],
    source:
      'Rayleigh integral of the bowl (1.5 λ elements) propagated by the angular spectrum, with per-sub-aperture attenuation and interface transmission through the case labels (src/sim/acoustic; FACTS §3.4, §3.5).',
    uncertainty:
      'Focal size within 10–30 % of the FACTS §8 case 12 reference; no refraction or phase aberration, so the focus in bone may sit up to a few mm off; shear waves in bone not modelled.',
    visibleByDefault: true,
  }
}

/** Temperature maps, one frame per stored time. */
export function temperatureOverlay(
  id: string,
  grid: VolumeGeometry,
  frames: readonly HeatFrame[],
): FieldOverlay {
  return {
    type: 'field',
    id,
    label: 'Temperature',
    unit: '°C',
    grid,
    frames: frames.map((f) => ({ timeS: f.timeS, data: f.tempC })),
    colormap: 'heat',
    range: [43, 90],
    opacity: 0.6,
    contours: [{ level: 60, color: '#ff7b00', label: '60 °C (near-instant coagulation)' }],
    source:
      'Pennes bioheat (src/sim/bioheat) on a 1 mm grid with q = 2αI from the field; tissue properties FACTS §1.2.',
    uncertainty:
      'Peak temperatures ±20 % (attenuation of bone 1–13.3 dB/cm/MHz, FACTS §3.4 [D]); no boiling or cavitation above 100 °C.',
    visibleByDefault: false,
  }
}

/** Cumulative CEM43 with the 240-minute necrosis contour (FACTS §1.1). */
export function doseOverlay(
  id: string,
  grid: VolumeGeometry,
  frames: readonly HeatFrame[],
): FieldOverlay {
  return {
    type: 'field',
    id,
    label: 'Thermal dose',
    unit: 'CEM43 min',
    grid,
    frames: frames.map((f) => ({ timeS: f.timeS, data: f.cem43Min })),
    colormap: 'dose',
    range: [30, 240],
    opacity: 0.55,
    contours: [
      { level: 240, color: '#ff3df5', label: '240 CEM43 (thermal necrosis)', show3d: true },
    ],
    source:
      'CEM43 = Σ Δt·R^(43−T), Sapareto–Dewey (FACTS §1.1), accumulated by the bioheat solver over all sonications.',
    uncertainty:
      '240 CEM43 is a soft-tissue threshold [U] (FACTS §1.1); the CEM43 model is reliable mainly 2–15 °C above baseline; dose doubles per °C, so a 1 °C error moves the contour by about 0.5 mm.',
    visibleByDefault: true,
  }
}
