/** Converts the plan's embolic agent (µm, %, mL) to the physics core's (SI). Pure. */
import type { EmbolicAgent } from '../../../sim/embolization'
import { GELATIN_SPONGE } from '../../../sim/embolization'
import type { DeviceOf } from '../../../plan'

type PlanAgent = DeviceOf<'embolizationCatheter'>['agent']

/** Gelatin-sponge pledgets: 1–3 mm pieces [U] (proximal pedicle occlusion, Shi 1999 [V]). */
export const GELFOAM_PLEDGETS = {
  kind: 'gelatinSponge',
  minDiameterM: 1000e-6,
  maxDiameterM: 3000e-6,
} as const

/** The physics agent for a plan agent. */
export function simAgent(a: PlanAgent): EmbolicAgent {
  switch (a.kind) {
    case 'particles':
      return {
        kind: 'particles',
        minDiameterM: a.sizeMinUm * 1e-6,
        maxDiameterM: a.sizeMaxUm * 1e-6,
      }
    case 'glue':
      return { kind: 'glue', nbcaFraction: a.nbcaPercent / 100 }
    case 'coils':
      return { kind: 'coil' }
    case 'gelfoam':
      return a.form === 'slurry' ? GELATIN_SPONGE : GELFOAM_PLEDGETS
  }
}

/** Plain-words name of a plan agent. */
export function agentName(a: PlanAgent): string {
  switch (a.kind) {
    case 'particles':
      return `particles ${a.sizeMinUm}–${a.sizeMaxUm} µm`
    case 'glue':
      return `NBCA glue ${a.nbcaPercent} % in ethiodized oil`
    case 'coils':
      return `${a.count} coil${a.count > 1 ? 's' : ''} of ${a.diameterMm} mm`
    case 'gelfoam':
      return `gelatin sponge (${a.form})`
  }
}
