/**
 * Geometry of RF probes on the simulation grid: the electrodes of the potential problem (monopolar tip
 * against ground pads on the domain faces; bipolar distal and proximal electrodes on one shaft), the
 * insulated shaft (σ = 0 voxels), the cooled needle as a Dirichlet probe for the bioheat solver, and the
 * tissue voxels the generator's temperature control watches. Pure; sim metres (origin at the centre of
 * voxel [0,0,0]).
 */
import type { Vec3 } from '../../lib/vec3'
import type { Electrode, Pad } from '../efield/potentialOperator'
import { rasteriseNeedle } from '../efield/rasteriseNeedle'
import type { Grid3 } from '../grid/grid3'
import type { DirichletProbe } from './pennes'
import { distanceToSegmentM, rasterizeProbes, type ProbeSegment } from './probeGeometry'

/** One RF needle. */
export interface RfProbe {
  /** Distal end of the needle, sim metres. */
  readonly tipM: Vec3
  /** A point back along the shaft (only the direction tip → entry matters), sim metres. */
  readonly entryM: Vec3
  /** Needle outer radius, m (17 G ≈ 0.74 mm, 11 G ≈ 1.5 mm). */
  readonly radiusM: number
  readonly kind: 'monopolar' | 'bipolar'
  /**
   * Monopolar: exposed tip length. Bipolar: the whole active tip (7/10/20 mm, FACTS §1.4 [U]), split into
   * distal electrode, insulating gap and proximal electrode by {@link BIPOLAR_SPLIT}.
   */
  readonly activeLengthM: number
  /** Internally cooled (default true): the needle surface is held at `coolantC`. */
  readonly isCooled?: boolean
  /** Cooled needle surface temperature, °C (default {@link RF_COOLANT_C}). */
  readonly coolantC?: number
}

/**
 * Bipolar active-tip split: distal electrode, gap, proximal electrode as fractions of the active length.
 * [G]: manufacturer drawings are not in FACTS (§7 gap); 40/20/40 % is a plausible layout.
 */
export const BIPOLAR_SPLIT = { distal: 0.4, gap: 0.2, proximal: 0.4 } as const

/** Default cooled-needle surface temperature, °C [G]: cooled tips run 10–25 °C (plan schema, [U]). */
export const RF_COOLANT_C = 20

/** An electrode of the potential problem with its voxel list. */
export type RfElectrode = Electrode & { readonly voxels: Uint32Array }

/** Everything the RF run needs about the probes on one grid. */
export interface RfProbeLayout {
  /** Electrodes at unit drive: monopolar at 1 V against 0 V pads; bipolar at ±0.5 V. */
  readonly electrodes: RfElectrode[]
  /** Ground pads (monopolar only: all six domain faces stand in for a distant return pad). */
  readonly pads: Pad[]
  /** Needle voxels that are not electrode metal (insulated shaft and bipolar gap): σ = 0. */
  readonly insulatedVoxels: Int32Array
  /** Cooled needles as Dirichlet probes for the bioheat solver. */
  readonly thermalProbes: DirichletProbe[]
  /** Voxels within the control radius of any active part (generator thermometry). */
  readonly controlVoxels: Int32Array
  /** Active segments (electrode parts), for display and for the control zone. */
  readonly activeSegments: ProbeSegment[]
}

const unit = (a: Vec3, b: Vec3): Vec3 => {
  const d: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]]
  const l = Math.hypot(d[0], d[1], d[2])
  if (!(l > 0)) throw new Error('RF probe: tip and entry coincide')
  return [d[0] / l, d[1] / l, d[2] / l]
}
const along = (p: Vec3, u: Vec3, s: number): Vec3 => [
  p[0] + u[0] * s,
  p[1] + u[1] * s,
  p[2] + u[2] * s,
]

/** Checks a probe and that its tip lies inside the grid's interior; throws a plain message otherwise. */
function checkProbe(grid: Grid3, p: RfProbe, index: number): void {
  const what = `RF probe ${index + 1}`
  if (!(p.radiusM > 0 && p.radiusM < 0.005)) {
    throw new Error(`${what}: radius ${p.radiusM} m is not a needle radius (0–5 mm)`)
  }
  if (!(p.activeLengthM > 0 && p.activeLengthM <= 0.05)) {
    throw new Error(`${what}: active length ${p.activeLengthM} m must be in (0, 50 mm]`)
  }
  const dims = [grid.nx, grid.ny, grid.nz]
  for (let a = 0; a < 3; a++) {
    const x = p.tipM[a] / grid.spacingM[a]
    if (!(x >= 1 && x <= dims[a] - 2)) {
      throw new Error(`${what}: the tip lies outside the simulated volume`)
    }
  }
}

/**
 * Lays the probes out on the grid (see module doc). `controlRadiusM` sets the thermometry zone around
 * the active parts. Throws for probes outside the grid or with absurd dimensions.
 */
export function layoutRfProbes(
  grid: Grid3,
  probes: readonly RfProbe[],
  controlRadiusM: number,
): RfProbeLayout {
  if (probes.length === 0) throw new Error('RF ablation needs at least one probe')
  const electrodes: RfElectrode[] = []
  const activeSegments: ProbeSegment[] = []
  const thermalProbes: DirichletProbe[] = []
  const needles: ProbeSegment[] = []
  let hasMonopolar = false
  probes.forEach((p, idx) => {
    checkProbe(grid, p, idx)
    const u = unit(p.tipM, p.entryM)
    // The shaft as far as it can reach in this grid (the grid diagonal), for the insulated voxels.
    const reach = Math.hypot(
      grid.nx * grid.spacingM[0],
      grid.ny * grid.spacingM[1],
      grid.nz * grid.spacingM[2],
    )
    const needle: ProbeSegment = {
      startM: p.tipM,
      endM: along(p.tipM, u, reach),
      radiusM: p.radiusM,
    }
    needles.push(needle)
    if (p.isCooled ?? true) {
      thermalProbes.push({ segment: needle, tempC: p.coolantC ?? RF_COOLANT_C })
    }
    const L = p.activeLengthM
    if (p.kind === 'monopolar') {
      hasMonopolar = true
      electrodes.push(
        rasteriseNeedle(
          grid,
          { tipM: p.tipM, entryM: p.entryM, activeLengthM: L, radiusM: p.radiusM },
          1,
        ),
      )
      activeSegments.push({ startM: p.tipM, endM: along(p.tipM, u, L), radiusM: p.radiusM })
    } else {
      const dL = BIPOLAR_SPLIT.distal * L
      const pStart = (BIPOLAR_SPLIT.distal + BIPOLAR_SPLIT.gap) * L
      const pL = BIPOLAR_SPLIT.proximal * L
      const proxTip = along(p.tipM, u, pStart)
      electrodes.push(
        rasteriseNeedle(
          grid,
          { tipM: p.tipM, entryM: p.entryM, activeLengthM: dL, radiusM: p.radiusM },
          0.5,
        ),
        rasteriseNeedle(
          grid,
          { tipM: proxTip, entryM: p.entryM, activeLengthM: pL, radiusM: p.radiusM },
          -0.5,
        ),
      )
      activeSegments.push(
        { startM: p.tipM, endM: along(p.tipM, u, dL), radiusM: p.radiusM },
        { startM: proxTip, endM: along(proxTip, u, pL), radiusM: p.radiusM },
      )
    }
  })
  if (hasMonopolar && probes.some((p) => p.kind === 'bipolar')) {
    throw new Error('RF ablation: monopolar and bipolar probes cannot share one generator')
  }
  const isElectrode = new Set<number>()
  for (const e of electrodes) for (let q = 0; q < e.voxels.length; q++) isElectrode.add(e.voxels[q])
  const needleVoxels = rasterizeProbes(grid, needles).inside
  const insulated = Int32Array.from([...needleVoxels].filter((v) => !isElectrode.has(v)))
  const pads: Pad[] = hasMonopolar
    ? (['x-', 'x+', 'y-', 'y+', 'z-', 'z+'] as const).map((face) => ({ face, potentialV: 0 }))
    : []
  return {
    electrodes,
    pads,
    insulatedVoxels: insulated,
    thermalProbes,
    controlVoxels: voxelsNearSegments(grid, activeSegments, controlRadiusM, needleVoxels),
    activeSegments,
  }
}

/** Interior voxels within `radiusM` of a segment's surface, excluding the needle's own voxels. */
function voxelsNearSegments(
  grid: Grid3,
  segs: readonly ProbeSegment[],
  radiusM: number,
  exclude: Int32Array,
): Int32Array {
  const skip = new Set(exclude)
  const out = new Set<number>()
  const { nx, ny, nz, spacingM: h } = grid
  for (const s of segs) {
    const reach = s.radiusM + radiusM
    const lo = [0, 1, 2].map((a) =>
      Math.max(1, Math.floor((Math.min(s.startM[a], s.endM[a]) - reach) / h[a])),
    )
    const hi = [nx, ny, nz].map((n, a) =>
      Math.min(n - 2, Math.ceil((Math.max(s.startM[a], s.endM[a]) + reach) / h[a])),
    )
    for (let k = lo[2]; k <= hi[2]; k++) {
      for (let j = lo[1]; j <= hi[1]; j++) {
        for (let i = lo[0]; i <= hi[0]; i++) {
          const v = i + nx * (j + ny * k)
          if (skip.has(v)) continue
          if (distanceToSegmentM([i * h[0], j * h[1], k * h[2]], s.startM, s.endM) <= reach) {
            out.add(v)
          }
        }
      }
    }
  }
  return Int32Array.from(out).sort()
}
