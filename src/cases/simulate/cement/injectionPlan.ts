/**
 * The injection a cement run simulates: the trocar's settings, overridden by the panel's options, checked
 * with plain-words messages. Pure.
 */
import type { Device } from '../../../plan'
import { CEMENTS, type CementKind } from '../../../sim/cement'
import type { SimOptions } from '../types'

/** A cement trocar device. */
export type CementTrocar = Extract<Device, { kind: 'cementTrocar' }>

/** The options a cement panel may pass (all optional; the device's values otherwise). */
export interface CementOptions {
  /** Volume precomputed, mL (the scrubber reveals it up to here). */
  readonly volumeMl?: number
  readonly rateMlPerMin?: number
  readonly viscosity?: CementKind
  readonly startAfterMixingS?: number
  /** The trainee stopped here: the run ends at this volume. */
  readonly stopAtMl?: number
  /** Volume between overlay frames, mL (default 0.25). */
  readonly frameMl?: number
}

/** A checked injection. */
export interface InjectionPlan {
  /** Volume simulated, mL (the stop volume when the trainee stopped). */
  readonly volumeMl: number
  /** Volume asked for before any stop, mL. */
  readonly plannedVolumeMl: number
  readonly rateMlPerMin: number
  readonly cement: CementKind
  readonly startAfterMixingS: number
  readonly frameMl: number
  /** Kyphoplasty balloon volume, mL, or 0. */
  readonly balloonMl: number
  /** Set when the run ends early because the trainee stopped. */
  readonly stoppedAtMl: number | null
}

const num = (o: SimOptions, key: keyof CementOptions): number | undefined => {
  const v = o[key]
  if (v === undefined) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`Cement option "${key}" must be a number (got ${JSON.stringify(v)}).`)
  }
  return v
}

function inRange(name: string, v: number, lo: number, hi: number, unit: string): number {
  if (!(v >= lo && v <= hi)) {
    throw new Error(
      `The cement ${name} must be between ${lo} and ${hi} ${unit} (got ${v} ${unit}).`,
    )
  }
  return v
}

/** The injection for `device` with `options` applied; throws a plain-words error on absurd values. */
export function injectionPlan(device: CementTrocar, options: SimOptions): InjectionPlan {
  const kind = options.viscosity ?? device.viscosity
  if (kind !== 'low' && kind !== 'medium' && kind !== 'high') {
    throw new Error(`Unknown cement viscosity ${JSON.stringify(kind)} (low, medium or high).`)
  }
  // 30 mL: the plan schema's hard bound (pelvic lesions average 10.3 mL, FACTS §2.1).
  const volumeMl = inRange('volume', num(options, 'volumeMl') ?? device.volumeMl, 0.1, 30, 'mL')
  const rate = inRange(
    'injection rate',
    num(options, 'rateMlPerMin') ?? device.rateMlPerMin,
    0.1,
    10,
    'mL/min',
  )
  const start = inRange(
    'start time after mixing',
    num(options, 'startAfterMixingS') ?? device.startAfterMixingS,
    0,
    1800,
    's',
  )
  const spec = CEMENTS[kind]
  if (start >= spec.settingTimeS) {
    throw new Error(
      `${spec.name} has set ${Math.round(spec.settingTimeS / 60)} min after mixing: it cannot be injected at ${Math.round(start / 60)} min.`,
    )
  }
  const frameMl = inRange('frame step', num(options, 'frameMl') ?? 0.25, 0.05, 5, 'mL')
  const stop = num(options, 'stopAtMl')
  const stoppedAtMl = stop === undefined ? null : inRange('stop volume', stop, 0.05, volumeMl, 'mL')
  return {
    volumeMl: stoppedAtMl ?? volumeMl,
    plannedVolumeMl: volumeMl,
    rateMlPerMin: rate,
    cement: kind,
    startAfterMixingS: start,
    frameMl,
    balloonMl: device.balloon?.inflationVolumeMl ?? 0,
    stoppedAtMl,
  }
}
