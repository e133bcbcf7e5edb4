import { describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../../src/lib/space'
import {
  ACOUSTIC_TISSUES,
  attenuationNpPerM,
  impedanceRayl,
  labelAcousticTable,
} from '../../../src/sim/acoustic/acousticMedia'
import { rayLogIntensity } from '../../../src/sim/acoustic/entryAttenuation'
import { normalIncidenceReflection } from '../../../src/sim/acoustic/interfaceCoefficients'
import { relErr } from './fixtures'

/** 1 mm voxels, 100 along x: muscle for x < 60 mm, cortical bone beyond. */
function slab(): { labels: Uint8Array; geom: VolumeGeometry } {
  const geom: VolumeGeometry = {
    dims: [100, 3, 3],
    spacingMm: [1, 1, 1],
    originMm: [0, -1, -1],
    direction: IDENTITY_DIRECTION,
  }
  const labels = new Uint8Array(900)
  for (let n = 0; n < 900; n++) labels[n] = n % 100 < 60 ? S.muscle : S.corticalBone
  return { labels, geom }
}

describe('attenuation between the bowl and the field region', () => {
  const media = labelAcousticTable()
  const muscle = ACOUSTIC_TISSUES.muscle
  const bone = ACOUSTIC_TISSUES.corticalBone

  it('a homogeneous path loses e^{−2αL}', () => {
    const { labels, geom } = slab()
    const lf = rayLogIntensity(labels, geom, media, 1e6, [5, 0, 0], [1, 0, 0], 40)
    // 40 mm of muscle at 1 MHz; the march counts one step more than L/h (0.5 mm of 40 mm: 1.25 %).
    expect(relErr(lf, -2 * attenuationNpPerM(muscle, 1e6) * 0.04)).toBeLessThan(0.02)
  })

  it('an interface adds ln(1 − R) with R from the impedances (FACTS §3.4)', () => {
    const { labels, geom } = slab()
    const f = 1e6
    const lf = rayLogIntensity(labels, geom, media, f, [40, 0, 0], [1, 0, 0], 40)
    const expected =
      Math.log(1 - normalIncidenceReflection(impedanceRayl(muscle), impedanceRayl(bone))) -
      2 * attenuationNpPerM(muscle, f) * 0.02 -
      2 * attenuationNpPerM(bone, f) * 0.02
    // Half a voxel of uncertainty in where the interface is crossed (bone α is 23× muscle α): 5 %.
    expect(relErr(lf, expected)).toBeLessThan(0.05)
  })
})
