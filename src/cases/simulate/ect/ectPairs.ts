/**
 * Per-pair table of an ECT sequence: voltage, gap, the naive voltage-to-distance ratio, and the field the
 * pair actually produces at the tumour edge near it (FACTS §4.2: U/d can differ considerably from the
 * local field, Čorović 2007). Pure; LPS mm, V/cm.
 */
import { ijkToWorld } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'
import type { PairField } from './ectField'
import { gapMm, type EctDevice, type EctRoi } from './ectModel'

/** One row of the pair table. */
export interface EctPairRow {
  readonly anode: string
  readonly cathode: string
  readonly voltageV: number
  /** Closest distance between the two active parts, mm. */
  readonly gapMm: number
  /** Voltage / gap, V/cm (the naive rule). */
  readonly naiveVPerCm: number
  /** The pair's own field midway between its needles, V/cm. */
  readonly midVPerCm: number
  /**
   * The pair's own field at the tumour edge nearest to it (5th percentile of the edge voxels closer to
   * this pair's midpoint than to any other's), V/cm; null when no edge voxel is nearest to this pair.
   */
  readonly edgeVPerCm: number | null
  readonly currentA: number
  readonly baselineCurrentA: number
  readonly converged: boolean
  readonly iterations: number
}

/** Edge voxels shared out between the pairs (nearest midpoint) and each pair's field there. */
export function pairEdges(
  roi: EctRoi,
  midsMm: readonly Vec3[],
  edgeRoi: Uint32Array,
): { record(q: number, eVPerM: Float32Array): void; edgeVPerCm: (number | null)[] } {
  const [nx, ny] = roi.geometry.dims
  const owner = new Int32Array(edgeRoi.length)
  edgeRoi.forEach((v, n) => {
    const p = ijkToWorld(roi.geometry, [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))])
    let best = -1
    let bestD = Infinity
    midsMm.forEach((m, q) => {
      const d = (p[0] - m[0]) ** 2 + (p[1] - m[1]) ** 2 + (p[2] - m[2]) ** 2
      if (d < bestD) {
        bestD = d
        best = q
      }
    })
    owner[n] = best
  })
  const edgeVPerCm: (number | null)[] = midsMm.map(() => null)
  return {
    edgeVPerCm,
    record(q, e) {
      const vals: number[] = []
      edgeRoi.forEach((v, n) => {
        if (owner[n] === q) vals.push(e[v]!)
      })
      if (vals.length === 0) return
      vals.sort((a, b) => a - b)
      edgeVPerCm[q] = vals[Math.floor(0.05 * (vals.length - 1))]! / 100
    },
  }
}

/** The pair table from the solved pairs. */
export function pairRows(
  d: EctDevice,
  segs: readonly (readonly [Vec3, Vec3])[],
  fields: readonly PairField[],
  edgeVPerCm: readonly (number | null)[],
): EctPairRow[] {
  return fields.map((f, q) => {
    const gap = gapMm(segs[f.pair.a]!, segs[f.pair.b]!)
    return {
      anode: d.electrodes[f.pair.a]?.id ?? `${f.pair.a + 1}`,
      cathode: d.electrodes[f.pair.b]?.id ?? `${f.pair.b + 1}`,
      voltageV: f.pair.voltageV,
      gapMm: gap,
      naiveVPerCm: gap > 0 ? f.pair.voltageV / (gap / 10) : Infinity,
      midVPerCm: f.midVPerM / 100,
      edgeVPerCm: edgeVPerCm[q] ?? null,
      currentA: f.currentA,
      baselineCurrentA: f.baselineCurrentA,
      converged: f.converged,
      iterations: f.iterations,
    }
  })
}
