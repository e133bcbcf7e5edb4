/** Derived values read by several views. */
import { worldToIjk } from '../lib/space'
import type { Vec3 } from '../lib/vec3'
import type { AppState } from './appStore'
import { getVolume } from './volumeRegistry'

/** HU of the voxel nearest to a point of the current volume, or null outside it. */
export function huAt(volumeId: string | null, p: Vec3): number | null {
  const v = getVolume(volumeId)
  if (!v) return null
  const g = v.geometry
  const q = worldToIjk(g, p)
  const i = Math.round(q[0])
  const j = Math.round(q[1])
  const k = Math.round(q[2])
  if (i < 0 || j < 0 || k < 0 || i >= g.dims[0] || j >= g.dims[1] || k >= g.dims[2]) return null
  return v.ct[i + g.dims[0] * (j + g.dims[1] * k)] ?? null
}

/** HU under the crosshair. */
export const selectCrosshairHu = (s: AppState): number | null => huAt(s.volumeId, s.crosshairMm)
