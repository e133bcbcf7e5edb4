/**
 * The procedure-simulation API, shared by the sim worker and the inline fallback. The worker keeps the last
 * volume it was given (by id), so repeated runs on one case send the CT once.
 */
import * as Comlink from 'comlink'
import { overlayTransferables } from '../lib/fieldOverlay'
import { parsePlanFile } from '../plan'
import {
  SimCancelled,
  simulateDevice,
  type ProcedureResult,
  type SimOptions,
} from '../cases/simulate'
import type { CtVolume } from '../cases/volume'

/** Progress callback: fraction in [0, 1] and what is running. */
export type SimProgress = (fraction: number, message: string) => void

/** Creates an API instance with its own volume cache (one per worker, one for inline use). */
export function createSimApi(transfer: boolean) {
  let cached: CtVolume | null = null
  return {
    /** True when the volume with this id is already here. */
    hasVolume(id: string): boolean {
      return cached?.id === id
    },
    /** Keeps the volume for the next runs. */
    setVolume(volume: CtVolume): void {
      cached = volume
    },
    /** Runs the simulation of one device of `planJson` on the kept volume. */
    async simulate(
      volumeId: string,
      planJson: string,
      deviceId: string,
      options: SimOptions,
      onProgress?: SimProgress,
    ): Promise<ProcedureResult> {
      if (cached?.id !== volumeId) throw new Error('The simulation has no volume loaded.')
      const parsed = parsePlanFile(planJson)
      if (!parsed.ok) throw new Error(`The plan is not valid: ${parsed.errors.join('; ')}`)
      let last = 0
      const result = await simulateDevice(cached, parsed.plan, deviceId, options, {
        progress(fraction, message) {
          const now = Date.now()
          if (onProgress && (now - last > 80 || fraction >= 1)) {
            last = now
            void onProgress(fraction, message)
          }
          return true
        },
      })
      return transfer ? Comlink.transfer(result, overlayTransferables(result.overlays)) : result
    },
  }
}

export { SimCancelled }
export type SimApi = ReturnType<typeof createSimApi>
