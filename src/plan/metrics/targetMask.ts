import { exhaustive } from '../../lib/assert'
import { voxelCount, type VolumeGeometry } from '../../lib/space'
import { geometryFingerprint } from '../geometryFingerprint'
import { decodeMaskRle } from '../maskRle'
import type { Target } from '../schema'
import { ellipsoidMask, maskFromLabels, sphereMask } from './masks'

/**
 * Voxel mask of a plan target on the given grid. A label target selects every voxel with that label (a case
 * with several lesions of one label must pass `lesionMask` to restrict it to `lesionId`); a painted target
 * must have been painted on this very grid (same fingerprint), otherwise this throws.
 */
export function targetMask(
  target: Target,
  volume: { readonly geometry: VolumeGeometry; readonly labels: Uint8Array },
  lesionMask?: (lesionId: string) => Uint8Array | undefined,
): Uint8Array {
  const g = volume.geometry
  switch (target.kind) {
    case 'label': {
      const byLabel = maskFromLabels(volume.labels, [target.labelId])
      const lesion = target.lesionId !== undefined ? lesionMask?.(target.lesionId) : undefined
      if (lesion) {
        for (let i = 0; i < byLabel.length; i++) {
          byLabel[i] = byLabel[i]! & (lesion[i] !== 0 ? 1 : 0)
        }
      }
      return byLabel
    }
    case 'sphere':
      return sphereMask(g, target.centreMm, target.radiusMm)
    case 'ellipsoid':
      return ellipsoidMask(g, target.centreMm, target.radiiMm, target.axes)
    case 'painted': {
      const fp = geometryFingerprint(g)
      if (fp !== target.fingerprint) {
        throw new Error(
          `targetMask: target "${target.id}" was painted on ${target.fingerprint}, this grid is ${fp}`,
        )
      }
      return decodeMaskRle(target.runs, voxelCount(g))
    }
    default:
      return exhaustive(target, 'target kind')
  }
}
