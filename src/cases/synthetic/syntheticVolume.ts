/**
 * A tiny synthetic CT used by fast tests and as a fallback: a soft-tissue ellipse with a fat rim, a bony
 * cylinder (a vertebral body stand-in) with a cortical shell, a canal with CSF, and a lytic lesion. It is not
 * anatomy; the phantom in `cases/phantom` is. Deterministic.
 */
import { S } from '../../lib/anatomy'
import { IDENTITY_DIRECTION } from '../../lib/space'
import type { CtVolume } from '../volume'

/** Builds the synthetic volume (default 96×96×64 at 1.5×1.5×2 mm). */
export function makeSyntheticVolume(nx = 96, ny = 96, nz = 64): CtVolume {
  const spacing = [1.5, 1.5, 2] as const
  const origin = [
    (-(nx - 1) * spacing[0]) / 2,
    (-(ny - 1) * spacing[1]) / 2,
    (-(nz - 1) * spacing[2]) / 2,
  ] as const
  const ct = new Int16Array(nx * ny * nz)
  const labels = new Uint8Array(nx * ny * nz)
  for (let k = 0; k < nz; k++) {
    const z = origin[2] + k * spacing[2]
    for (let j = 0; j < ny; j++) {
      const y = origin[1] + j * spacing[1]
      for (let i = 0; i < nx; i++) {
        const x = origin[0] + i * spacing[0]
        const idx = i + nx * (j + ny * k)
        const body = (x / 60) ** 2 + (y / 45) ** 2
        let hu = -1000
        let label: number = S.outside
        if (body <= 1) {
          hu = body > 0.8 ? -100 : 40
          label = body > 0.8 ? S.subcutaneousFat : S.muscle
          const r = Math.hypot(x, y - 10)
          if (r < 20) {
            hu = r > 18 ? 1200 : 250
            label = r > 18 ? S.corticalBone : S.trabecularBone
          }
          if (Math.hypot(x, y - 40) < 8) {
            hu = 10
            label = S.csf
          }
          if (Math.hypot(x - 6, y - 12, z - 4) < 8) {
            hu = 35
            label = S.tumourLytic
          }
        }
        ct[idx] = hu
        labels[idx] = label
      }
    }
  }
  return {
    id: 'synthetic',
    name: 'Synthetic test volume',
    source: 'builtin',
    geometry: {
      dims: [nx, ny, nz],
      spacingMm: spacing,
      originMm: origin,
      direction: IDENTITY_DIRECTION,
    },
    ct,
    labels,
  }
}
