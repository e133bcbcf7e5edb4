/**
 * Acoustic field benchmark: the Rayleigh sum of a bowl (R = 8 cm, aperture 8 cm, 1 MHz, λ-sized
 * elements ≈ 2400) on a 64³ grid of 0.5 mm around the focus, homogeneous and through a labelled
 * muscle/bone block (path-factor sweep included).
 */
import { S } from '../src/lib/anatomy'
import { discretiseBowl, type BowlTransducer } from '../src/sim/acoustic/bowlTransducer'
import { computeAcousticField } from '../src/sim/acoustic/rayleighField'
import { createGrid3 } from '../src/sim/grid/grid3'

const N = 64
const H = 0.0005
const bowl: BowlTransducer = {
  frequencyHz: 1e6,
  radiusOfCurvatureM: 0.08,
  apertureDiameterM: 0.08,
  holeDiameterM: 0,
  powerW: 50,
  focusM: [0, 0, 0],
  axisUnit: [0, 0, 1],
}
const el = discretiseBowl(bowl, { elementSizeM: 0.0015 })
const grid = createGrid3(N, N, N, [H, H, H])
const o = -(N - 1) * 0.5 * H
const region = { grid, originM: [o, o, o] as const }
const labels = new Uint8Array(N * N * N)
for (let k = 0; k < N; k++) {
  labels.fill(o + k * H >= 0 ? S.corticalBone : S.muscle, N * N * k, N * N * (k + 1))
}

export const benchmarks: Array<{ name: string; runs?: number; run: () => void | Promise<void> }> = [
  {
    name: `acoustic field 64³, ${el.count} elements, homogeneous`,
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    run: () => {
      computeAcousticField(el, region, bowl.frequencyHz)
    },
  },
  {
    name: `acoustic field 64³, ${el.count} elements, labelled muscle/bone`,
    // Slow (seconds to a minute): one run is enough to read the figure.
    runs: 1,
    run: () => {
      computeAcousticField(el, region, bowl.frequencyHz, { labels })
    },
  },
]
