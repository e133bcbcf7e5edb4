/** Runs every device's procedure simulation for `npm run sim`, summarised for JSON output. */
import { simulateDevice, type ProcedureResult } from '../src/cases/simulate'
import type { CtVolume } from '../src/cases/volume'
import type { Plan } from '../src/plan'

/** A JSON-friendly summary of a result: overlays without their voxel data. */
export function summariseResult(r: ProcedureResult) {
  return {
    procedure: r.procedure,
    deviceId: r.deviceId,
    verdict: r.verdict,
    acceptable: r.acceptable,
    metrics: r.metrics,
    warnings: r.warnings,
    durationS: r.durationS,
    elapsedMs: Math.round(r.elapsedMs),
    overlays: r.overlays.map((o) =>
      o.type === 'field'
        ? {
            id: o.id,
            label: o.label,
            unit: o.unit,
            dims: o.grid.dims,
            frames: o.frames.length,
            source: o.source,
            uncertainty: o.uncertainty,
          }
        : { id: o.id, label: o.label, points: o.points.length, source: o.source },
    ),
    series: r.series.map((s) => ({ id: s.id, label: s.label, points: s.x.length })),
    modelNote: r.modelNote,
  }
}

/** Simulates each device in turn; a device whose simulation fails reports its error instead. */
export async function simulatePlanDevices(volume: CtVolume, plan: Plan) {
  const out = []
  for (const d of plan.devices) {
    try {
      out.push(summariseResult(await simulateDevice(volume, plan, d.id)))
    } catch (e) {
      out.push({ deviceId: d.id, error: e instanceof Error ? e.message : String(e) })
    }
  }
  return out
}
