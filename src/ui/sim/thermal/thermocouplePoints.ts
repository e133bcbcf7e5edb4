/**
 * Thermocouple helpers of the thermal panel: the canal point nearest a device (from the case labels) and a
 * temperature curve read from a result's saved temperature frames (for thermocouples added after the run).
 */
import type { ProcedureResult, SimSeries } from '../../../cases/simulate'
import type { CtVolume } from '../../../cases/volume'
import { S } from '../../../lib/anatomy'
import { sampleField, type FieldOverlay } from '../../../lib/fieldOverlay'
import { ijkToWorld, worldToIjk } from '../../../lib/space'
import type { Vec3 } from '../../../lib/vec3'

/** Labels of the spinal canal: epidural space, thecal sac, cord and cauda equina. */
const CANAL = new Set<number>([S.epiduralFat, S.csf, S.spinalCord, S.caudaEquina])

/** How far from the device the canal is looked for, mm. */
export const CANAL_SEARCH_MM = 60

/**
 * The centre of the canal voxel nearest `fromMm` (within {@link CANAL_SEARCH_MM}), or null when the
 * volume has no labels or no canal nearby. The first canal voxel met is usually the epidural space just
 * behind the vertebral body: where a thermocouple guards the cord.
 */
export function nearestCanalPoint(v: CtVolume, fromMm: Vec3): Vec3 | null {
  const labels = v.labels
  if (!labels) return null
  const g = v.geometry
  const c = worldToIjk(g, fromMm)
  const [nx, ny, nz] = g.dims
  const lo = [0, 1, 2].map((a) =>
    Math.max(0, Math.floor(c[a]! - CANAL_SEARCH_MM / g.spacingMm[a]!)),
  )
  const hi = [nx, ny, nz].map((n, a) =>
    Math.min(n - 1, Math.ceil(c[a]! + CANAL_SEARCH_MM / g.spacingMm[a]!)),
  )
  let best = Infinity
  let at: Vec3 | null = null
  const [sx, sy, sz] = g.spacingMm
  for (let k = lo[2]!; k <= hi[2]!; k++) {
    const dz = (k - c[2]) * sz
    for (let j = lo[1]!; j <= hi[1]!; j++) {
      const dy = (j - c[1]) * sy
      const row = nx * (j + ny * k)
      for (let i = lo[0]!; i <= hi[0]!; i++) {
        if (!CANAL.has(labels[row + i]!)) continue
        const dx = (i - c[0]) * sx
        const d2 = dx * dx + dy * dy + dz * dz
        if (d2 < best) {
          best = d2
          at = [i, j, k]
        }
      }
    }
  }
  if (!at || Math.sqrt(best) > CANAL_SEARCH_MM) return null
  const p = ijkToWorld(g, at)
  return [
    Math.round(p[0] * 1000) / 1000,
    Math.round(p[1] * 1000) / 1000,
    Math.round(p[2] * 1000) / 1000,
  ]
}

/**
 * A thermocouple's curve read from the result's temperature frames (trilinear), or null when the point
 * lies outside the simulated region or the result has no temperature overlay.
 */
export function curveFromFrames(
  result: ProcedureResult,
  tc: { readonly id: string; readonly label: string; readonly pointMm: Vec3 },
): SimSeries | null {
  const t = result.overlays.find(
    (o): o is FieldOverlay => o.type === 'field' && o.id === 'temperature',
  )
  if (!t) return null
  const y = t.frames.map((f) => sampleField(t.grid, f.data, tc.pointMm))
  if (y.some((v) => Number.isNaN(v))) return null
  return {
    id: `tc-frames-${tc.id}`,
    label: `Thermocouple: ${tc.label} (from the saved frames; run again for every step)`,
    xLabel: 'time',
    xUnit: 's',
    yLabel: 'temperature',
    yUnit: '°C',
    x: t.frames.map((f) => f.timeS),
    y,
    thresholds: [{ value: 45, label: '45 °C' }],
  }
}
