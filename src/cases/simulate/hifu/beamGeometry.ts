/**
 * Geometry-only pieces of the HIFU beam, shared by the full simulation and the drag preview: the beam-path
 * analysis in the CT's sim frame (src/sim/acoustic/analyseBeamPath), the cone as a mask overlay and as a
 * wireframe polyline, the axis, and the textbook −6 dB focal ellipsoid. Pure; LPS millimetres.
 */
import type { FieldOverlay, PolylineOverlay } from '../../../lib/fieldOverlay'
import { structureById } from '../../../lib/anatomy'
import { add, scale, type Vec3 } from '../../../lib/vec3'
import { hifuGeometry, type DeviceOf } from '../../../plan'
import { lpsDirToSim, lpsToSimM, simGridOf } from '../../../plan/simSpace'
import {
  analyseBeamPath,
  type BeamPathOptions,
  type BeamPathReport,
} from '../../../sim/acoustic/analyseBeamPath'
import type { BowlTransducer } from '../../../sim/acoustic/bowlTransducer'
import type { CtVolume } from '../../volume'
import { beamFrame, beamPoint, beamRegion, type BeamFrame } from './beamFrame'

/** Speed of sound of the coupling water, m/s (src/sim/acoustic WATER). */
const WATER_C = 1482

/** Transducer in the CT's sim frame, for the beam-path analysis. */
export function transducerInCt(
  volume: CtVolume,
  device: DeviceOf<'hifuTransducer'>,
  powerW: number,
): BowlTransducer {
  const g = volume.geometry
  const geo = hifuGeometry(device)
  return {
    frequencyHz: device.frequencyMHz * 1e6,
    radiusOfCurvatureM: device.radiusOfCurvatureMm / 1000,
    apertureDiameterM: device.apertureMm / 1000,
    holeDiameterM: 0,
    powerW,
    focusM: lpsToSimM(g, geo.focusMm),
    axisUnit: lpsDirToSim(g, geo.beamAxis),
  }
}

/** The cone from the bowl to the focus through the case labels: crossings, incidence, skin. */
export function analyseBeam(
  volume: CtVolume,
  device: DeviceOf<'hifuTransducer'>,
  powerW: number,
  opts: BeamPathOptions = {},
): BeamPathReport {
  if (!volume.labels) {
    throw new Error('The beam-path analysis needs tissue labels (built-in cases).')
  }
  return analyseBeamPath(
    transducerInCt(volume, device, powerW),
    { grid: simGridOf(volume.geometry), originM: [0, 0, 0], labels: volume.labels },
    opts,
  )
}

/** True when the report lists gas or lung in the cone (near-total reflection). */
export function crossesGas(report: BeamPathReport): boolean {
  return report.crossings.some((c) => {
    const t = structureById(c.label).tissue
    return t === 'gas' || t === 'lung'
  })
}

/** Names of the gas or lung structures crossed, e.g. "bowel gas". */
export function gasNames(report: BeamPathReport): string[] {
  return report.crossings
    .filter((c) => ['gas', 'lung'].includes(structureById(c.label).tissue))
    .map((c) => c.name.toLowerCase())
}

/** Half-angle geometry: rim distance before the focus along the axis and rim radius, mm. */
function rim(device: DeviceOf<'hifuTransducer'>): { depthMm: number; radiusMm: number } {
  const r = device.radiusOfCurvatureMm
  const a = device.apertureMm / 2
  return { depthMm: Math.sqrt(r * r - a * a), radiusMm: a }
}

/**
 * The cone (bowl rim → focus) as a wireframe polyline: four edges through the focus and the rim circle,
 * in pieces of at most 2 mm so that the MPR layer can tell which pieces lie on the slice.
 */
export function conePolyline(
  device: DeviceOf<'hifuTransducer'>,
  id: string,
  label: string,
  color: string,
): PolylineOverlay {
  const f = beamFrame(device)
  const { depthMm, radiusMm } = rim(device)
  const rimAt = (deg: number): Vec3 => {
    const t = (deg * Math.PI) / 180
    return beamPoint(f, radiusMm * Math.cos(t), radiusMm * Math.sin(t), -depthMm)
  }
  const path: Vec3[] = []
  const line = (a: Vec3, b: Vec3): void => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])
    const n = Math.max(1, Math.ceil(len / 2))
    for (let s = path.length === 0 ? 0 : 1; s <= n; s++) {
      path.push(add(a, scale([b[0] - a[0], b[1] - a[1], b[2] - a[2]], s / n)))
    }
  }
  const arc = (from: number, to: number): void => {
    for (let d = from + 5; d <= to; d += 5) path.push(rimAt(d))
  }
  line(rimAt(0), f.focusMm)
  line(f.focusMm, rimAt(180))
  arc(180, 270)
  line(rimAt(270), f.focusMm)
  line(f.focusMm, rimAt(90))
  arc(90, 450)
  return {
    type: 'polyline',
    id,
    label,
    points: path,
    color,
    radiusMm: 0.6,
    source:
      'Geometry of the spherical bowl (aperture, radius of curvature) from the plan; rays as straight lines.',
    uncertainty:
      'Geometric cone only: refraction at fat/muscle interfaces shifts real rays by about 1 mm per interface.',
    visibleByDefault: true,
  }
}

/** The beam axis from the bowl apex to 10 mm beyond the focus. */
export function axisPolyline(device: DeviceOf<'hifuTransducer'>, id: string): PolylineOverlay {
  const geo = hifuGeometry(device)
  return {
    type: 'polyline',
    id,
    label: 'Beam axis',
    points: [geo.apexMm, add(geo.focusMm, scale(geo.beamAxis, 10))],
    color: '#7fd4ff',
    radiusMm: 0.4,
    source: 'Transducer geometry from the plan (entry → focus).',
    uncertainty:
      'Exact for the plan; the real axis depends on the positioning accuracy (about 1 mm).',
    visibleByDefault: false,
  }
}

/**
 * The cone as a mask on a beam-aligned 2 mm grid from the rim plane to 6 mm past the focus: 1 inside,
 * 0 outside, a linear ramp over one voxel so that the 0.5 iso-line is smooth.
 */
export function coneMaskOverlay(
  device: DeviceOf<'hifuTransducer'>,
  id: string,
  label: string,
  color: string,
): FieldOverlay {
  const f: BeamFrame = beamFrame(device)
  const { depthMm, radiusMm } = rim(device)
  const h = 2
  const nxy = 2 * Math.ceil((radiusMm + 4) / h) + 1
  const past = 6
  const nz = Math.ceil((depthMm + past) / h) + 1
  const grid = beamRegion(f, [nxy, nxy, nz], h, [0, 0, 0.5 * (past - depthMm)])
  const data = new Float32Array(nxy * nxy * nz)
  const c = 0.5 * (nxy - 1)
  let idx = 0
  for (let k = 0; k < nz; k++) {
    // Distance before the focus (negative past it); the cone's radius grows linearly with it.
    const before = depthMm - k * h
    const coneR = (radiusMm * Math.abs(before)) / depthMm
    for (let j = 0; j < nxy; j++) {
      for (let i = 0; i < nxy; i++, idx++) {
        const r = Math.hypot((i - c) * h, (j - c) * h)
        data[idx] = Math.min(1, Math.max(0, 0.5 + (coneR - r) / h))
      }
    }
  }
  return {
    type: 'field',
    id,
    label,
    unit: '',
    grid,
    frames: [{ timeS: 0, data }],
    colormap: null,
    range: [0.5, 1],
    opacity: 0,
    contours: [{ level: 0.5, color, label, show3d: true }],
    source: 'Geometric cone of the spherical bowl (aperture, radius of curvature) from the plan.',
    uncertainty:
      'Geometric edges: diffraction widens the beam by about one focal width (≈ 2 mm) near the focus; refraction shifts rays by about 1 mm per interface.',
    visibleByDefault: true,
  }
}

/**
 * The −6 dB focal region from the textbook formulas (FACTS §3.5): an ellipsoid of lateral width
 * 1.2·λ·F# (1.0–1.4) and axial length 7·λ·F#², as a small field (1 − ellipsoidal radius²) with its
 * 0-contour. `centreMm` defaults to the focus.
 */
export function focalEllipsoidOverlay(
  device: DeviceOf<'hifuTransducer'>,
  id: string,
  centreMm?: Vec3,
): FieldOverlay {
  const f = beamFrame(device)
  const lambdaMm = (WATER_C / (device.frequencyMHz * 1e6)) * 1000
  const fNum = device.radiusOfCurvatureMm / device.apertureMm
  const a = 0.5 * 1.2 * lambdaMm * fNum
  const b = 0.5 * 7 * lambdaMm * fNum * fNum
  const h = 0.5
  const nxy = 2 * Math.ceil((a + 2) / h) + 1
  const nz = 2 * Math.ceil((b + 2) / h) + 1
  const centre = centreMm ?? f.focusMm
  const grid = beamRegion({ ...f, focusMm: centre }, [nxy, nxy, nz], h)
  const data = new Float32Array(nxy * nxy * nz)
  const cx = 0.5 * (nxy - 1)
  const cz = 0.5 * (nz - 1)
  let idx = 0
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < nxy; j++) {
      for (let i = 0; i < nxy; i++, idx++) {
        const x = ((i - cx) * h) / a
        const y = ((j - cx) * h) / a
        const z = ((k - cz) * h) / b
        data[idx] = 1 - (x * x + y * y + z * z)
      }
    }
  }
  return {
    type: 'field',
    id,
    label: 'Focal region (−6 dB, formula)',
    unit: '',
    grid,
    frames: [{ timeS: 0, data }],
    colormap: null,
    range: [0, 1],
    opacity: 0,
    contours: [
      {
        level: 0,
        color: '#ffd166',
        label: `−6 dB focal region ≈ ${(2 * a).toFixed(1)} × ${(2 * b).toFixed(1)} mm (formula)`,
        show3d: true,
      },
    ],
    source: 'FACTS §3.5 focusing formulas: lateral 1.0–1.4·λ·F#, axial 7·λ·F#² (λ in water).',
    uncertainty:
      'The formulas are good to 10–30 % (FACTS §3.5, §8 case 12); bone near the focus distorts it.',
    visibleByDefault: true,
  }
}
