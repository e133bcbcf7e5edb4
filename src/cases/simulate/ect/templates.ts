/**
 * ECT electrode templates with adjustable spacing: hexagonal (centre + 6) and linear (two rows of 4),
 * parallel to the set's reference axis, with each pair's voltage from a voltage-to-distance ratio (ESOPE:
 * ~1000 V/cm for needles, FACTS §4.1). Pure; LPS mm. Returns a new device (validate it with the schema).
 */
import { add, cross, normalize, scale, sub, type Vec3 } from '../../../lib/vec3'
import type { EctDevice } from './ectModel'

/** Templates the panel offers. */
export type EctTemplate = 'hexagonal' | 'linear'

const r3 = (p: Vec3): [number, number, number] => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]

/**
 * The device with its electrodes re-laid as `template` around its reference axis (entryMm → tipMm):
 * hexagonal: centre + 6 at `spacingMm`, pairs centre–spoke and rim neighbours; linear: two rows of 4,
 * `spacingMm` apart (pitch half of it, at least 2 mm), pairs across the rows. Voltages = gap × ratio,
 * rounded to 10 V and capped at 3000 V.
 */
export function applyEctTemplate(
  d: EctDevice,
  template: EctTemplate,
  spacingMm: number,
  voltsPerCm: number,
  activeLengthMm: number = d.electrodes[0]?.activeLengthMm ?? 20,
): EctDevice {
  const axis = normalize(sub(d.tipMm, d.entryMm))
  const helper: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(axis, helper))
  const w = cross(axis, u)
  const offsets: Vec3[] = []
  const pairs: [number, number][] = []
  if (template === 'hexagonal') {
    offsets.push([0, 0, 0])
    for (let n = 0; n < 6; n++) {
      const t = (n * Math.PI) / 3
      offsets.push(add(scale(u, spacingMm * Math.cos(t)), scale(w, spacingMm * Math.sin(t))))
    }
    for (let n = 1; n <= 6; n++) pairs.push([0, n])
    for (let n = 1; n <= 6; n++) pairs.push([n, (n % 6) + 1])
  } else {
    const pitch = Math.max(2, spacingMm / 2)
    for (const row of [-0.5, 0.5]) {
      for (const col of [-1.5, -0.5, 0.5, 1.5]) {
        offsets.push(add(scale(u, row * spacingMm), scale(w, col * pitch)))
      }
    }
    for (let c = 0; c < 4; c++) pairs.push([c, c + 4])
  }
  const electrodes = offsets.map((o, n) => ({
    id: `e${n + 1}`,
    entryMm: r3(add(d.entryMm, o)),
    tipMm: r3(add(d.tipMm, o)),
    activeLengthMm,
  }))
  const sequence = pairs.map(([a, b]) => {
    const oa = offsets[a]!
    const ob = offsets[b]!
    const gap = Math.hypot(oa[0] - ob[0], oa[1] - ob[1], oa[2] - ob[2])
    const voltageV = Math.min(3000, Math.max(50, Math.round(((gap / 10) * voltsPerCm) / 10) * 10))
    return { anode: a, cathode: b, voltageV }
  })
  return { ...d, template, electrodes, sequence }
}

/** Spacing (mm) of a set as laid: tip distance of electrode 1 to 2 (hexagonal) or to 5 (linear rows). */
export function ectSpacingMm(d: EctDevice): number {
  const a = d.electrodes[0]
  const b = d.electrodes[d.template === 'linear' ? 4 : 1]
  if (!a || !b) return 0
  const g = sub(a.tipMm, b.tipMm)
  return Math.hypot(g[0], g[1], g[2])
}
