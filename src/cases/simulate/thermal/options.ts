/**
 * Options of a thermal run (`simOptions[deviceId]` in the store, `SimOptions` in the contract): what-if
 * overrides of the device's power, time and protocol, the grid, the damage model, extra thermocouples and
 * extra protective measures. Everything is optional; absurd values are rejected with a message that names
 * the field. Pure.
 */
import { z } from 'zod'
import type { SimOptions } from '../types'

const point = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()])
const bounded = (min: number, max: number, unit: string): z.ZodNumber =>
  z
    .number({ error: `must be a number (${unit})` })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` })

/** A thermocouple given in the options (the plan's own thermocouples are always read too). */
export const OptionThermocoupleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  label: z.string().min(1).max(60),
  pointMm: point,
})

/**
 * A protective measure given in the options, in addition to the plan's hydro-/CO₂ dissections:
 * a saline pool or a gas pocket as a sphere, or saline held at a temperature (warm/cool saline irrigation,
 * FACTS.md §1.5 Tsoumakidou 2013).
 */
export const OptionProtectionSchema = z.strictObject({
  kind: z.enum(['saline', 'co2', 'thermalSaline']),
  id: z.string().min(1).max(40),
  pointMm: point,
  radiusMm: bounded(1, 30, 'mm'),
  /** Temperature the saline is held at (thermalSaline only), °C. */
  tempC: bounded(0, 50, '°C').optional(),
})

/** Every option of a thermal run. */
export const ThermalOptionsSchema = z.strictObject({
  /** What-if generator power, W (device's value otherwise). */
  powerW: bounded(1, 250, 'W').optional(),
  /** What-if heating time, s. */
  durationS: bounded(10, 3600, 's').optional(),
  /** Time simulated after the power is switched off, s (heat keeps spreading; default 120 s). */
  coolDownS: bounded(0, 1800, 's').optional(),
  /** What-if cryo protocol. */
  protocol: z
    .strictObject({
      freeze1Min: bounded(1, 30, 'min'),
      thawMin: bounded(0, 20, 'min'),
      freeze2Min: bounded(0, 30, 'min'),
      thawMode: z.enum(['passive', 'active']),
    })
    .optional(),
  /** Grid spacing of the simulation, mm (default: the CT's, within 1–1.5 mm; 2 mm for cryo). */
  gridMm: bounded(0.7, 3, 'mm').optional(),
  /** Arrhenius parameter set for the ablation zone (FACTS.md §1.1; no bone set exists [G]). */
  arrheniusSet: z.enum(['liver', 'fat', 'prostate']).optional(),
  thermocouples: z.array(OptionThermocoupleSchema).max(20).optional(),
  protections: z.array(OptionProtectionSchema).max(10).optional(),
})

/** Parsed options. */
export type ThermalOptions = z.infer<typeof ThermalOptionsSchema>
export type OptionProtection = z.infer<typeof OptionProtectionSchema>
export type OptionThermocouple = z.infer<typeof OptionThermocoupleSchema>

/** Parses run options; throws a plain-words error naming each bad field. */
export function parseThermalOptions(raw: SimOptions): ThermalOptions {
  const r = ThermalOptionsSchema.safeParse(raw)
  if (r.success) return r.data
  const why = r.error.issues.map((i) => `${i.path.join('.') || 'options'} ${i.message}`)
  throw new Error(`The thermal simulation options are not valid: ${why.join('; ')}.`)
}
