/** Plain-words formatting of LPS points and needle angles for the planning panels. */
import type { Vec3 } from '../../lib/vec3'
import type { TrajectoryAngles } from '../../plan'

/** Trims a coordinate to at most 3 decimals: 12.5 → "12.5", 4 → "4". */
const coord = (v: number): string => String(Math.round(v * 1000) / 1000)

/** "L, P, S" text of a point, e.g. "68, 12, 4". */
export const pointText = (p: Vec3): string => p.map(coord).join(', ')

/** Reads "L, P, S" (commas and/or spaces); null unless exactly three finite numbers. */
export function parsePoint(text: string): Vec3 | null {
  const parts = text
    .split(/[\s,;]+/)
    .filter((s) => s !== '')
    .map(Number)
  if (parts.length !== 3 || !parts.every(Number.isFinite)) return null
  return [parts[0]!, parts[1]!, parts[2]!]
}

/** A length for the readout: one decimal, e.g. "62.4 mm". */
export const mmText = (v: number): string => `${v.toFixed(1)} mm`

/** Craniocaudal angle in words: "12° cranial" when the tip lies cranial (+S) of the entry. */
export function craniocaudalText(a: TrajectoryAngles): string {
  const deg = Math.round(Math.abs(a.craniocaudalDeg))
  if (deg === 0) return '0° (in the axial plane)'
  return `${deg}° ${a.craniocaudalDeg > 0 ? 'cranial' : 'caudal'}`
}

/** Mediolateral angle in words: "15° to the patient's left" when the tip lies left (+L) of the entry. */
export function mediolateralText(a: TrajectoryAngles): string {
  const deg = Math.round(Math.abs(a.mediolateralDeg))
  if (deg === 0) return '0° (in the sagittal plane)'
  return `${deg}° to the patient's ${a.mediolateralDeg > 0 ? 'left' : 'right'}`
}
