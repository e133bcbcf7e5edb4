/** Small pure edits that turn an expert plan into a seeded novice mistake. */
import type { Vec3 } from '../../lib/vec3'
import type { Device, DeviceKind, DeviceOf, Plan } from '../../plan'

/** The plan with every device of `kind` changed by `edit`. */
export function editDevices<K extends DeviceKind>(
  plan: Plan,
  kind: K,
  edit: (d: DeviceOf<K>) => DeviceOf<K>,
): Plan {
  const isKind = (d: Device): d is DeviceOf<K> => d.kind === kind
  return { ...plan, devices: plan.devices.map((d) => (isKind(d) ? edit(d) : d)) }
}

/** The plan without any device of the given kinds. */
export function withoutDevices(plan: Plan, kinds: readonly DeviceKind[]): Plan {
  return { ...plan, devices: plan.devices.filter((d) => !kinds.includes(d.kind)) }
}

/** The plan without protections (no thermocouple, no dissection). */
export const withoutProtections = (plan: Plan): Plan => ({ ...plan, protections: [] })

/** The first device of a kind; throws when the expert plan has none (a broken case definition). */
export function deviceOf<K extends DeviceKind>(plan: Plan, kind: K): DeviceOf<K> {
  const d = plan.devices.find((x): x is DeviceOf<K> => x.kind === kind)
  if (!d) throw new Error(`The expert plan has no ${kind}.`)
  return d
}

/** Rounds a point to micrometres (plan files keep 3 decimals). */
export const r3 = (p: Vec3): [number, number, number] => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]
