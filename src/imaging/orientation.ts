/** Patient-direction letters for the edges of a 2-D view, from its camera vectors (LPS). Pure. */
import type { Vec3 } from '../lib/vec3'
import { cross } from '../lib/vec3'

const LETTERS: readonly [string, string][] = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
]

/** The dominant patient direction of a world vector, e.g. (0.1, −0.9, 0) → 'A'. */
export function directionLetter(v: Vec3): string {
  let best = 0
  for (let a = 1; a < 3; a++) if (Math.abs(v[a]!) > Math.abs(v[best]!)) best = a
  const pair = LETTERS[best]!
  return v[best]! >= 0 ? pair[0] : pair[1]
}

/** Letters at the top, bottom, left and right edges of a view with this camera. */
export function edgeLetters(
  viewUp: Vec3,
  viewPlaneNormal: Vec3,
): { top: string; bottom: string; left: string; right: string } {
  // Cornerstone's screen-right is viewUp × viewPlaneNormal (axial: up = anterior, right = patient left).
  const right = cross(viewUp, viewPlaneNormal)
  return {
    top: directionLetter(viewUp),
    bottom: directionLetter([-viewUp[0], -viewUp[1], -viewUp[2]]),
    right: directionLetter(right),
    left: directionLetter([-right[0], -right[1], -right[2]]),
  }
}
