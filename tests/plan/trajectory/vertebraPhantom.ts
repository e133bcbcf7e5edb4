/**
 * A synthetic lumbar "vertebra" label volume for trajectory tests, built from analytic shapes in LPS mm
 * (+x left, +y posterior, +z superior) on a 0.5 mm grid with voxel centres on multiples of 0.5 mm:
 * - body: cylinder along z, centre (0, 0), radius 20 mm, |z| ≤ 12;
 * - pedicles: boxes x ∈ ±[8, 16], y ∈ [16, 42], |z| ≤ 7;
 * - neural arch: ring around the canal axis, radius 8–12 mm, y ≥ 21, |z| ≤ 7;
 * - canal: cylinder along z at (0, 29): cord r ≤ 4, CSF r ≤ 6, epidural space r ≤ 8;
 * - exiting nerve roots: cylinders along x at (y 29, z −9), radius 2.2 mm, 8 ≤ |x| ≤ 30;
 * - bone is cortical within 1.5 mm of its surface, trabecular inside;
 * - soft tissue: muscle for y < 55, fat to 60, skin to 62, air beyond.
 */
import { S } from '../../../src/lib/anatomy'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../../src/lib/space'
import type { LabelVolume } from '../../../src/plan'

export const PHANTOM = {
  spacingMm: 0.5,
  bodyRadiusMm: 20,
  canalCentreYMm: 29,
  cordRadiusMm: 4,
  csfRadiusMm: 6,
  canalRadiusMm: 8,
  archOuterMm: 12,
  pedicleXMm: [8, 16] as const,
  pedicleYMm: [16, 42] as const,
  pedicleHalfHeightMm: 7,
  rootZMm: -9,
  rootRadiusMm: 2.2,
  rootXMm: [8, 30] as const,
  cortexMm: 1.5,
  skinYMm: [60, 62] as const,
  fatFromYMm: 55,
} as const

export function vertebraPhantom(withCt = false): LabelVolume {
  const s = PHANTOM.spacingMm
  const lo = [-35, -25, -20] as const
  const hi = [35, 66, 20] as const
  const dims = [0, 1, 2].map((a) => Math.round((hi[a] - lo[a]) / s) + 1) as [number, number, number]
  const geometry: VolumeGeometry = {
    dims,
    spacingMm: [s, s, s],
    originMm: [...lo],
    direction: IDENTITY_DIRECTION,
  }
  const [nx, ny, nz] = dims
  const labels = new Uint8Array(nx * ny * nz)
  const isBone = new Uint8Array(nx * ny * nz)
  const P = PHANTOM
  for (let k = 0; k < nz; k++) {
    const z = lo[2] + k * s
    for (let j = 0; j < ny; j++) {
      const y = lo[1] + j * s
      for (let i = 0; i < nx; i++) {
        const x = lo[0] + i * s
        const n = i + nx * (j + ny * k)
        let lab: number =
          y > P.skinYMm[1]
            ? S.outside
            : y >= P.skinYMm[0]
              ? S.skin
              : y >= P.fatFromYMm
                ? S.subcutaneousFat
                : S.muscle
        const rCanal = Math.hypot(x, y - P.canalCentreYMm)
        const inBody = Math.hypot(x, y) <= P.bodyRadiusMm && Math.abs(z) <= 12
        const inPedicle =
          Math.abs(x) >= P.pedicleXMm[0] &&
          Math.abs(x) <= P.pedicleXMm[1] &&
          y >= P.pedicleYMm[0] &&
          y <= P.pedicleYMm[1] &&
          Math.abs(z) <= P.pedicleHalfHeightMm
        const inArch =
          rCanal >= P.canalRadiusMm &&
          rCanal <= P.archOuterMm &&
          y >= 21 &&
          Math.abs(z) <= P.pedicleHalfHeightMm
        if (inBody || inPedicle || inArch) {
          lab = S.trabecularBone
          isBone[n] = 1
        }
        if (rCanal <= P.canalRadiusMm) {
          lab =
            rCanal <= P.cordRadiusMm
              ? S.spinalCord
              : rCanal <= P.csfRadiusMm
                ? S.csf
                : S.epiduralFat
          isBone[n] = 0
        }
        if (
          Math.abs(x) >= P.rootXMm[0] &&
          Math.abs(x) <= P.rootXMm[1] &&
          Math.hypot(y - P.canalCentreYMm, z - P.rootZMm) <= P.rootRadiusMm
        ) {
          lab = S.nerveRoot
          isBone[n] = 0
        }
        labels[n] = lab
      }
    }
  }
  // Cortex: bone voxels with a non-bone voxel within 1.5 mm along any axis.
  const reach = Math.round(P.cortexMm / s)
  const strides = [1, nx, nx * ny]
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k)
        if (!isBone[n]) continue
        const idx = [i, j, k]
        let isEdge = false
        for (let a = 0; a < 3 && !isEdge; a++) {
          for (let d = 1; d <= reach && !isEdge; d++) {
            for (const sgn of [-1, 1]) {
              const c = idx[a] + sgn * d
              if (c < 0 || c >= dims[a] || !isBone[n + sgn * d * strides[a]]) isEdge = true
            }
          }
        }
        if (isEdge) labels[n] = S.corticalBone
      }
    }
  }
  if (!withCt) return { geometry, labels }
  const HU: Partial<Record<number, number>> = {
    [S.corticalBone]: 1200,
    [S.trabecularBone]: 250,
    [S.muscle]: 50,
    [S.outside]: -1000,
  }
  const ct = Int16Array.from(labels, (l) => HU[l] ?? 20)
  return { geometry, labels, ct }
}
