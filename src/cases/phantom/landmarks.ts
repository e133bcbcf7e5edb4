/**
 * Landmarks derived by marching rays through the built shapes: the bony entry point of each pedicle axis
 * (where the axis leaves the posterior elements: the facet / transverse-process junction used by
 * ChinaCT94), the anterior cortex exit along the axis, a target in the anterior third of the body, and
 * the skin entry of the transpedicular route.
 */
import type { Vec3 } from '../../lib/vec3'
import type { Model } from './model'
import type { VertebraName } from './morphometry'
import type { Shape } from './sdf'
import type { SpineLayout } from './spineLayout'
import type { VertebraModel } from './vertebra'

/** First point along the ray from `start` (inside the shape) where the shape is left; null if never. */
export function rayExit(
  shape: Shape,
  start: Vec3,
  dir: Vec3,
  stepMm: number,
  maxMm: number,
): Vec3 | null {
  let prev = start
  for (let t = stepMm; t <= maxMm; t += stepMm) {
    const p: Vec3 = [start[0] + dir[0] * t, start[1] + dir[1] * t, start[2] + dir[2] * t]
    if (shape.f(p[0], p[1], p[2]) >= 0) {
      return [(p[0] + prev[0]) / 2, (p[1] + prev[1]) / 2, (p[2] + prev[2]) / 2]
    }
    prev = p
  }
  return null
}

/** Adds pedicle entry, anterior exit, target and skin entry landmarks for every vertebra and side. */
export function addPedicleLandmarks(
  model: Model,
  spine: SpineLayout,
  vertebrae: Readonly<Record<VertebraName, VertebraModel>>,
  outline: Shape,
): void {
  for (const [name, vm] of Object.entries(vertebrae) as [VertebraName, VertebraModel][]) {
    const L = spine.vertebrae[name]
    for (const side of ['L', 'R'] as const) {
      const { isthmus, posterior } = vm.pedicles[side]
      const anterior: Vec3 = [-posterior[0], -posterior[1], -posterior[2]]
      const entry = rayExit(vm.shape, isthmus, posterior, 0.2, 60)
      // Through the pedicle into the body, then out of its anterior cortex.
      const exit = rayExit(vm.body, marchInto(vm.body, isthmus, anterior), anterior, 0.2, 80)
      if (entry) model.landmarks[`${name}.pedicleEntry.${side}`] = entry
      if (exit) model.landmarks[`${name}.pedicleAxisAnterior.${side}`] = exit
      // Target: on the axis where it reaches the anterior third of the body depth.
      const D = L.m.endplateDepthMm
      const v = L.frame.v
      const rel = (p: Vec3): number =>
        (p[0] - L.frame.o[0]) * v[0] + (p[1] - L.frame.o[1]) * v[1] + (p[2] - L.frame.o[2]) * v[2]
      const dv = anterior[0] * v[0] + anterior[1] * v[1] + anterior[2] * v[2]
      const t = (-D / 6 - rel(isthmus)) / dv
      model.landmarks[`${name}.pedicleTarget.${side}`] = [
        isthmus[0] + anterior[0] * t,
        isthmus[1] + anterior[1] * t,
        isthmus[2] + anterior[2] * t,
      ]
      const skin = rayExit(outline, isthmus, posterior, 0.5, 250)
      if (skin) model.landmarks[`${name}.skinEntry.${side}`] = skin
    }
  }
}

/** First point along the ray that is inside the shape (start itself if it already is). */
function marchInto(shape: Shape, start: Vec3, dir: Vec3): Vec3 {
  for (let t = 0; t <= 60; t += 0.2) {
    const p: Vec3 = [start[0] + dir[0] * t, start[1] + dir[1] * t, start[2] + dir[2] * t]
    if (shape.f(p[0], p[1], p[2]) < 0) return p
  }
  return start
}
