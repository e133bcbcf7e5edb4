/**
 * Fast, APPROXIMATE ablation-zone preview for live needle dragging (microseconds for the shape, a few ms
 * to rasterise). Not a simulation: it interpolates tables computed with the full models (`mwaZone.ts`,
 * `cryoPhantom.ts`; data in `previewTables.ts`) and ignores anatomy (bone, vessels, perfusion maps).
 * - Microwave: an ellipsoid with the Ω ≥ 1 length and diameter of a uniform liver block (in or ex vivo).
 * - RF: an ellipsoid with the Ω ≥ 1 length, diameter and reach beyond the tip of the full RF model in
 *   uniform perfused trabecular bone at the default set point (`rfZone.ts`), by active length and time.
 * - Cryo: single-probe T_min profiles (39 °C gel phantom, like vendor charts) superposed as temperature
 *   deficits over all probes, which reproduces the merging of neighbouring ice balls approximately.
 * Pure; sim metres.
 */
import type { Vec3 } from '../../lib/vec3'
import type { Grid3 } from '../grid/grid3'
import type { AntennaType, MwFrequency } from './microwave'
import type { ProbeSegment } from './probeGeometry'
import {
  CRYO_PREVIEW_PROFILES,
  CRYO_PREVIEW_PROBE_RADII_M,
  CRYO_PREVIEW_TIMES_S,
  MWA_PREVIEW_POWERS_W,
  MWA_PREVIEW_TABLE,
  MWA_PREVIEW_TIMES_S,
  RF_PREVIEW_LENGTHS_MM,
  RF_PREVIEW_TABLE,
  RF_PREVIEW_TIMES_S,
} from './previewTables'
import type { RfVariant } from './rfZone'
import { CRYO_SURFACE_TEMP_C } from './cryo'

/** Microwave preview request. */
export interface MwaPreviewInput {
  readonly kind: 'mwa'
  readonly type: AntennaType
  readonly frequency: MwFrequency
  readonly powerW: number
  readonly durationS: number
  readonly isPerfused: boolean
  /** Antenna tip, sim metres. */
  readonly tipM: Vec3
  /** Unit vector from the tip towards the hub. */
  readonly shaftDirection: Vec3
}

/** RF preview request (the generator's set point and power cap are the variant's defaults). */
export interface RfPreviewInput {
  readonly kind: 'rf'
  readonly variant: RfVariant
  readonly activeLengthM: number
  readonly durationS: number
  /** Distal end of the active part, sim metres. */
  readonly tipM: Vec3
  /** Unit vector from the tip towards the hub. */
  readonly shaftDirection: Vec3
}

/** Cryo preview request: the freezing segments of all probes (radius = probe radius). */
export interface CryoPreviewInput {
  readonly kind: 'cryo'
  readonly probes: readonly ProbeSegment[]
  readonly durationS: number
}

/** An ellipsoid of revolution about `axis`. */
export interface ZoneEllipsoid {
  readonly centreM: Vec3
  /** Unit symmetry axis. */
  readonly axis: Vec3
  readonly lengthM: number
  readonly diameterM: number
}

/** Preview result; `isClamped` is true when the request lay outside the tables and was clamped. */
export type PreviewZone =
  | { readonly kind: 'mwa'; readonly ellipsoid: ZoneEllipsoid; readonly isClamped: boolean }
  | { readonly kind: 'rf'; readonly ellipsoid: ZoneEllipsoid; readonly isClamped: boolean }
  | {
      readonly kind: 'cryo'
      readonly probes: readonly ProbeSegment[]
      /** Single-probe T_min profile per probe at 1 mm steps from the axis, °C. */
      readonly profilesC: readonly Float64Array[]
      readonly baseC: number
      readonly isClamped: boolean
    }

/** Builds the preview shape for a request. */
export function previewZone(
  input: MwaPreviewInput | RfPreviewInput | CryoPreviewInput,
): PreviewZone {
  if (input.kind === 'mwa') return previewMwa(input)
  return input.kind === 'rf' ? previewRf(input) : previewCryo(input)
}

/** Position of x in a sorted grid: index of the lower node and the fraction, clamped at the ends. */
function bracket(
  nodes: readonly number[],
  x: number,
): { i: number; f: number; isClamped: boolean } {
  const last = nodes.length - 1
  if (x <= nodes[0]) return { i: 0, f: 0, isClamped: x < nodes[0] }
  if (x >= nodes[last]) return { i: last - 1, f: 1, isClamped: x > nodes[last] }
  let i = 0
  while (nodes[i + 1] < x) i++
  return { i, f: (x - nodes[i]) / (nodes[i + 1] - nodes[i]), isClamped: false }
}

/**
 * Bilinear interpolation in a zone table (rows: first parameter's nodes; per time node a triple
 * [length, diameter, distal] in mm) of column `col`, in metres.
 */
function tableAt(
  table: readonly (readonly number[])[],
  r: ReturnType<typeof bracket>,
  t: ReturnType<typeof bracket>,
  col: number,
): number {
  const v = (ri: number, ti: number): number => table[ri][3 * ti + col]
  const lo = v(r.i, t.i) + t.f * (v(r.i, t.i + 1) - v(r.i, t.i))
  const hi = v(r.i + 1, t.i) + t.f * (v(r.i + 1, t.i + 1) - v(r.i + 1, t.i))
  return (lo + r.f * (hi - lo)) / 1000
}

function previewMwa(q: MwaPreviewInput): PreviewZone {
  const table = MWA_PREVIEW_TABLE[`${q.type}/${q.frequency}/${q.isPerfused ? 'inVivo' : 'exVivo'}`]
  const p = bracket(MWA_PREVIEW_POWERS_W, q.powerW)
  const t = bracket(MWA_PREVIEW_TIMES_S, q.durationS)
  const at = (col: number): number => tableAt(table, p, t, col)
  return {
    kind: 'mwa',
    ellipsoid: ellipsoidAlongShaft(q.tipM, q.shaftDirection, at(0), at(1), at(2)),
    isClamped: p.isClamped || t.isClamped,
  }
}

/** An ellipsoid of length L and diameter D reaching `distalM` beyond the tip, along the shaft. */
function ellipsoidAlongShaft(
  tipM: Vec3,
  a: Vec3,
  lengthM: number,
  diameterM: number,
  distalM: number,
): ZoneEllipsoid {
  const off = lengthM / 2 - distalM
  return {
    centreM: [tipM[0] + off * a[0], tipM[1] + off * a[1], tipM[2] + off * a[2]],
    axis: a,
    lengthM,
    diameterM,
  }
}

function previewRf(q: RfPreviewInput): PreviewZone {
  const table = RF_PREVIEW_TABLE[q.variant]
  const l = bracket(RF_PREVIEW_LENGTHS_MM[q.variant], q.activeLengthM * 1000)
  const t = bracket(RF_PREVIEW_TIMES_S, q.durationS)
  const at = (col: number): number => tableAt(table, l, t, col)
  return {
    kind: 'rf',
    ellipsoid: ellipsoidAlongShaft(q.tipM, q.shaftDirection, at(0), at(1), at(2)),
    isClamped: l.isClamped || t.isClamped,
  }
}

function previewCryo(q: CryoPreviewInput): PreviewZone {
  const t = bracket(CRYO_PREVIEW_TIMES_S, q.durationS)
  let isClamped = t.isClamped
  const profilesC = q.probes.map((probe) => {
    const r = bracket(CRYO_PREVIEW_PROBE_RADII_M, probe.radiusM)
    isClamped ||= r.isClamped
    const prof = (ri: number, ti: number): readonly number[] => CRYO_PREVIEW_PROFILES[ri][ti]
    const out = new Float64Array(prof(0, 0).length)
    for (let s = 0; s < out.length; s++) {
      const v = (ri: number): number =>
        prof(ri, t.i)[s] + t.f * (prof(ri, t.i + 1)[s] - prof(ri, t.i)[s])
      out[s] = v(r.i) + r.f * (v(r.i + 1) - v(r.i))
    }
    return out
  })
  return { kind: 'cryo', probes: q.probes, profilesC, baseC: 39, isClamped }
}

/**
 * Estimated lowest temperature at a point for a cryo preview, °C: each probe's deficit (base − T_min at
 * the point's distance from its segment) summed, floored at the probe surface temperature.
 */
export function previewCryoTempC(z: Extract<PreviewZone, { kind: 'cryo' }>, pM: Vec3): number {
  return cryoTempAt(z, probeScalars(z.probes), pM[0], pM[1], pM[2])
}

/** Per probe: start point, segment vector and 1/|segment|² (7 numbers), for the allocation-free loop. */
function probeScalars(probes: readonly ProbeSegment[]): Float64Array {
  const out = new Float64Array(7 * probes.length)
  probes.forEach((s, p) => {
    const b = [s.endM[0] - s.startM[0], s.endM[1] - s.startM[1], s.endM[2] - s.startM[2]] as const
    const len2 = b[0] * b[0] + b[1] * b[1] + b[2] * b[2]
    out.set(
      [s.startM[0], s.startM[1], s.startM[2], b[0], b[1], b[2], len2 > 0 ? 1 / len2 : 0],
      7 * p,
    )
  })
  return out
}

function cryoTempAt(
  z: Extract<PreviewZone, { kind: 'cryo' }>,
  ps: Float64Array,
  x: number,
  y: number,
  w: number,
): number {
  let deficit = 0
  for (let p = 0; p < z.profilesC.length; p++) {
    const o = 7 * p
    const dx = x - ps[o]
    const dy = y - ps[o + 1]
    const dz = w - ps[o + 2]
    const bx = ps[o + 3]
    const by = ps[o + 4]
    const bz = ps[o + 5]
    let t = (dx * bx + dy * by + dz * bz) * ps[o + 6]
    t = t < 0 ? 0 : t > 1 ? 1 : t
    const ex = dx - t * bx
    const ey = dy - t * by
    const ez = dz - t * bz
    const prof = z.profilesC[p]
    const u = Math.sqrt(ex * ex + ey * ey + ez * ez) * 1000
    if (u >= prof.length - 1) continue
    const i0 = Math.floor(u)
    deficit += z.baseC - (prof[i0] + (u - i0) * (prof[i0 + 1] - prof[i0]))
  }
  return Math.max(z.baseC - deficit, CRYO_SURFACE_TEMP_C.value)
}

/**
 * Distance from a probe beyond which no point can reach `levelC`, m: where even all probes' deficits at
 * that distance together stay short of base − level.
 */
function cryoReachM(z: Extract<PreviewZone, { kind: 'cryo' }>, levelC: number): number {
  const need = (z.baseC - levelC) / Math.max(1, z.probes.length)
  let reach = 0
  for (const prof of z.profilesC) {
    for (let r = prof.length - 1; r >= 0; r--) {
      if (z.baseC - prof[r] >= need) {
        reach = Math.max(reach, (r + 1) / 1000)
        break
      }
    }
  }
  return reach
}

/**
 * Rasterises a preview into a 0/1 mask on the grid (sim metres, voxel (i,j,k) at (i·sx, j·sy, k·sz)):
 * the ellipsoid for microwave and RF, `T_min ≤ levelC` for cryo (default −20 °C). Only the bounding box is
 * visited; `out` (reused when given) is cleared first.
 */
export function previewMask(g: Grid3, z: PreviewZone, levelC = -20, out?: Uint8Array): Uint8Array {
  const m = out ?? new Uint8Array(g.nx * g.ny * g.nz)
  m.fill(0)
  const [sx, sy, sz] = g.spacingM
  const lo = [Infinity, Infinity, Infinity]
  const hi = [-Infinity, -Infinity, -Infinity]
  const grow = (p: Vec3, r: number): void => {
    for (let c = 0; c < 3; c++) {
      lo[c] = Math.min(lo[c], p[c] - r)
      hi[c] = Math.max(hi[c], p[c] + r)
    }
  }
  if (z.kind !== 'cryo') {
    grow(z.ellipsoid.centreM, 0.5 * Math.max(z.ellipsoid.lengthM, z.ellipsoid.diameterM))
  } else {
    const reach = cryoReachM(z, levelC)
    for (const s of z.probes) {
      grow(s.startM, reach)
      grow(s.endM, reach)
    }
  }
  const i0 = Math.max(0, Math.floor(lo[0] / sx))
  const i1 = Math.min(g.nx - 1, Math.ceil(hi[0] / sx))
  const j0 = Math.max(0, Math.floor(lo[1] / sy))
  const j1 = Math.min(g.ny - 1, Math.ceil(hi[1] / sy))
  const k0 = Math.max(0, Math.floor(lo[2] / sz))
  const k1 = Math.min(g.nz - 1, Math.ceil(hi[2] / sz))
  const ps = probeScalars(z.kind === 'cryo' ? z.probes : [])
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const isIn =
          z.kind !== 'cryo'
            ? inEllipsoid(z.ellipsoid, i * sx, j * sy, k * sz)
            : cryoTempAt(z, ps, i * sx, j * sy, k * sz) <= levelC
        if (isIn) m[i + g.nx * (j + g.ny * k)] = 1
      }
    }
  }
  return m
}

function inEllipsoid(e: ZoneEllipsoid, x: number, y: number, w: number): boolean {
  const a = 0.5 * e.lengthM
  const b = 0.5 * e.diameterM
  const dx = x - e.centreM[0]
  const dy = y - e.centreM[1]
  const dz = w - e.centreM[2]
  const ax = dx * e.axis[0] + dy * e.axis[1] + dz * e.axis[2]
  const r2 = dx * dx + dy * dy + dz * dz - ax * ax
  return (ax * ax) / (a * a) + r2 / (b * b) <= 1
}
