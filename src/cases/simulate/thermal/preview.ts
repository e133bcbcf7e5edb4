/**
 * The thermal procedure's drag preview: the calibrated approximate zone of src/sim/bioheat `previewZone`
 * (microwave: an ellipsoid of the in-vivo liver zone; cryo: superposed single-probe isotherms) as a
 * contour-only field on a small grid around the device, every frame of a drag (a few ms); RF: the
 * ellipsoid of a table of full RF model runs in uniform trabecular bone (bone RF charts are a FACTS.md
 * §7 gap, so the table is our model's, not a vendor's). Pure.
 */
import type { FieldOverlay } from '../../../lib/fieldOverlay'
import { ijkToWorld, type VolumeGeometry } from '../../../lib/space'
import { add, distance, dot, normalize, scale, sub, type Vec3 } from '../../../lib/vec3'
import { CRYO_ISOTHERMS_C } from '../../../sim/bioheat/damage'
import { previewMask, previewZone, type ZoneEllipsoid } from '../../../sim/bioheat/previewZone'
import { lpsToSimM, simGridOf } from '../../../plan'
import type { PreviewFn } from '../preview'
import { freezingSegments, protocolSeconds, ICE_REACH_MM } from './cryoprobes'
import { mwRun } from './microwave'

/** Preview grid spacing, mm: coarse, the zone itself is approximate. */
const PREVIEW_STEP_MM = 1.5

/** A box grid in the CT's axes around `lo`…`hi` (LPS points). */
function boxGrid(
  axes: VolumeGeometry['direction'],
  pts: readonly Vec3[],
  padMm: number,
  stepMm: number,
): VolumeGeometry {
  const lo = [Infinity, Infinity, Infinity]
  const hi = [-Infinity, -Infinity, -Infinity]
  for (const p of pts) {
    for (let a = 0; a < 3; a++) {
      const u = dot(p, axes[a]!)
      lo[a] = Math.min(lo[a]!, u - padMm)
      hi[a] = Math.max(hi[a]!, u + padMm)
    }
  }
  const dims: [number, number, number] = [0, 0, 0]
  for (let a = 0; a < 3; a++) dims[a] = Math.max(2, Math.ceil((hi[a]! - lo[a]!) / stepMm) + 1)
  const originMm = add(scale(axes[0], lo[0]!), add(scale(axes[1], lo[1]!), scale(axes[2], lo[2]!)))
  return { dims, spacingMm: [stepMm, stepMm, stepMm], originMm, direction: axes }
}

/** Evaluates `f` at every voxel centre of `g` (LPS mm). */
function fill(g: VolumeGeometry, f: (p: Vec3) => number): Float32Array {
  const [nx, ny, nz] = g.dims
  const out = new Float32Array(nx * ny * nz)
  const o = g.originMm
  const [di, dj, dk] = g.direction
  const s = g.spacingMm
  let n = 0
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = add(o, add(scale(dj, j * s[1]), scale(dk, k * s[2])))
      for (let i = 0; i < nx; i++, n++) out[n] = f(add(row, scale(di, i * s[0])))
    }
  }
  return out
}

const PREVIEW_UNCERTAINTY =
  'Approximate: interpolated from full-model runs in uniform tissue (no bone, vessels or perfusion map); ' +
  'within 3 % (microwave) / 5 % (two-probe cryo) of the full model in that tissue. The full simulation ' +
  'runs when the drag ends.'

const RF_PREVIEW_UNCERTAINTY =
  'Approximate: interpolated (active length, time) from full RF model runs in uniform trabecular bone ' +
  '(no cortex, vessels or other tissues; default set point). No published bone RF chart exists to check ' +
  'it against (FACTS.md §7). The full simulation runs when the drag ends.'

/** A contour-only overlay of an ellipsoidal zone (sim metres in, LPS grid out). */
function ellipsoidOverlay(
  axes: VolumeGeometry['direction'],
  e: ZoneEllipsoid,
  isClamped: boolean,
  source: string,
  uncertainty = PREVIEW_UNCERTAINTY,
): FieldOverlay {
  const c = scale(e.centreM, 1000)
  const a = 500 * e.lengthM || 1e-3
  const b = 500 * e.diameterM || 1e-3
  const g = boxGrid(axes, [c], Math.max(a, b) + 3, PREVIEW_STEP_MM)
  const data = fill(g, (p) => {
    const d = sub(p, c)
    const ax = dot(d, e.axis)
    const r2 = dot(d, d) - ax * ax
    return Math.sqrt((ax * ax) / (a * a) + r2 / (b * b))
  })
  return {
    type: 'field',
    id: 'preview-zone',
    label: 'Zone preview',
    unit: '',
    grid: g,
    frames: [{ timeS: 0, data }],
    colormap: null,
    range: [0, 2],
    opacity: 0,
    contours: [
      {
        level: 1,
        color: '#ff3b30',
        label: `Ω = 1 preview: ${(2 * a).toFixed(0)} × ${(2 * b).toFixed(0)} mm${isClamped ? ' (outside the table: clamped)' : ''}`,
        show3d: true,
        below: true,
      },
    ],
    source,
    uncertainty,
    visibleByDefault: true,
  }
}

/** The preview overlay of a thermal device (microwave, RF, cryo), or null. */
export const previewThermal: PreviewFn = (volume, _plan, device) => {
  const axes = volume.geometry.direction
  if (device.kind === 'mwAntenna') {
    const r = mwRun(device)
    const z = previewZone({
      kind: 'mwa',
      type: r.type,
      frequency: r.frequency,
      powerW: r.powerW,
      durationS: r.heatS,
      isPerfused: true,
      tipM: scale(r.tipMm, 1 / 1000),
      shaftDirection: r.shaftMm,
    })
    if (z.kind !== 'mwa') return null
    return [
      ellipsoidOverlay(
        axes,
        z.ellipsoid,
        z.isClamped,
        `Calibrated microwave preview table (src/sim/bioheat previewZone; in-vivo liver, FACTS.md §8.6), ${r.powerW} W × ${Math.round(r.heatS)} s.`,
      ),
    ]
  }
  if (device.kind === 'rfProbe') {
    const shaft = normalize(sub(device.entryMm, device.tipMm))
    const z = previewZone({
      kind: 'rf',
      variant: device.variant,
      activeLengthM: Math.min(device.activeTipMm, distance(device.entryMm, device.tipMm)) / 1000,
      durationS: device.durationS,
      tipM: scale(device.tipMm, 1 / 1000),
      shaftDirection: shaft,
    })
    if (z.kind !== 'rf') return null
    return [
      ellipsoidOverlay(
        axes,
        z.ellipsoid,
        z.isClamped,
        `RF preview table (src/sim/bioheat previewZone): the full RF model in uniform perfused trabecular bone at the default set point (${device.variant === 'bipolarBone' ? '70 °C, ≤ 20 W' : '90 °C, ≤ 200 W'}), ${device.activeTipMm} mm tip × ${Math.round(device.durationS)} s; the plan's set point and power cap are not applied. Bone RF zone charts are a FACTS.md §7 gap.`,
        RF_PREVIEW_UNCERTAINTY,
      ),
    ]
  }
  if (device.kind === 'cryoprobeSet') {
    const segs = freezingSegments(device)
    const durationS = 60 * Math.max(device.protocol.freeze1Min, device.protocol.freeze2Min)
    const g = boxGrid(
      axes,
      segs.flatMap((s) => [s.startMm, s.tipMm]),
      ICE_REACH_MM,
      2,
    )
    const z = previewZone({
      kind: 'cryo',
      probes: segs.map((s) => ({
        startM: lpsToSimM(g, s.startMm),
        endM: lpsToSimM(g, s.tipMm),
        radiusM: s.radiusMm / 1000,
      })),
      durationS,
    })
    if (z.kind !== 'cryo') return null
    // Two masks (≤ 0 °C, ≤ −20 °C) summed: 0 outside the ice, 1 in the ice, 2 in the lethal zone.
    const grid = simGridOf(g)
    const ice = previewMask(grid, z, 0)
    const lethal = previewMask(grid, z, CRYO_ISOTHERMS_C.lethal)
    const data = new Float32Array(ice.length)
    for (let q = 0; q < data.length; q++) data[q] = ice[q]! + lethal[q]!
    return [
      {
        type: 'field',
        id: 'preview-zone',
        label: 'Ice preview',
        unit: '',
        grid: g,
        frames: [{ timeS: 0, data }],
        colormap: null,
        range: [0, 2],
        opacity: 0,
        contours: [
          {
            level: 1.5,
            color: '#0a84ff',
            label: `${CRYO_ISOTHERMS_C.lethal} °C preview (lethal)`,
            show3d: true,
          },
          { level: 0.5, color: '#64d2ff', label: '0 °C preview (ice edge)' },
        ],
        source: `Cryo preview table (src/sim/bioheat previewZone; Littrup 39 °C gel phantom, FACTS.md §8.3), ${segs.length} probe(s), ${Math.round(protocolSeconds(device.protocol) / 60)} min protocol.`,
        uncertainty: PREVIEW_UNCERTAINTY,
        visibleByDefault: true,
      },
    ]
  }
  return null
}

/** Centre of a preview grid (tests: the zone sits on the device). */
export const previewGridCentre = (g: VolumeGeometry): Vec3 =>
  ijkToWorld(g, [(g.dims[0] - 1) / 2, (g.dims[1] - 1) / 2, (g.dims[2] - 1) / 2])
