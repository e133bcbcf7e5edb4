/**
 * Acoustic field benchmark: the pressure field on a 64³ grid of 0.5 mm around the focus, homogeneous and
 * through a labelled muscle/bone block (path-factor sweep included), for the small bowl (R = 8 cm,
 * aperture 8 cm) and the app's default bowl (FACTS §3.5: R = 13 cm, aperture 15.4 cm), both at 1 MHz
 * with the app's 1.5 λ elements. The angular-spectrum path is the default ('auto'); the direct sum is
 * timed once on the small bowl for comparison. Each run also prints its CPU time: on a shared machine
 * the wall time includes waiting for a core.
 */
import { S } from '../src/lib/anatomy'
import {
  discretiseBowl,
  wavelengthM,
  type BowlTransducer,
} from '../src/sim/acoustic/bowlTransducer'
import { computeAcousticField, type FieldMethod } from '../src/sim/acoustic/rayleighField'
import { createGrid3 } from '../src/sim/grid/grid3'

const N = 64
const H = 0.0005
const grid = createGrid3(N, N, N, [H, H, H])
const o = -(N - 1) * 0.5 * H
const region = { grid, originM: [o, o, o] as const }
const labels = new Uint8Array(N * N * N)
for (let k = 0; k < N; k++) {
  labels.fill(o + k * H >= 0 ? S.corticalBone : S.muscle, N * N * k, N * N * (k + 1))
}

const bowl = (radiusM: number, apertureM: number): BowlTransducer => ({
  frequencyHz: 1e6,
  radiusOfCurvatureM: radiusM,
  apertureDiameterM: apertureM,
  holeDiameterM: 0,
  powerW: 50,
  focusM: [0, 0, 0],
  axisUnit: [0, 0, 1],
})
const small = bowl(0.08, 0.08)
const large = bowl(0.13, 0.154)
const elSmall = discretiseBowl(small, { elementSizeM: 1.5 * wavelengthM(1e6) })
const elLarge = discretiseBowl(large, { elementSizeM: 1.5 * wavelengthM(1e6) })

function timed(
  el: ReturnType<typeof discretiseBowl>,
  method: FieldMethod,
  withLabels: boolean,
): string {
  const c0 = process.cpuUsage()
  const f = computeAcousticField(el, region, 1e6, withLabels ? { labels, method } : { method })
  return `${f.method}, CPU ${(process.cpuUsage(c0).user / 1000).toFixed(0)} ms`
}

export const benchmarks: Array<{
  name: string
  runs?: number
  run: () => void | Promise<void> | string
}> = [
  {
    name: `field 64³, R 8 cm bowl, ${elSmall.count} elements, homogeneous`,
    run: () => timed(elSmall, 'auto', false),
  },
  {
    name: `field 64³, R 8 cm bowl, ${elSmall.count} elements, muscle/bone`,
    run: () => timed(elSmall, 'auto', true),
  },
  {
    name: `field 64³, R 13 cm bowl, ${elLarge.count} elements, homogeneous`,
    run: () => timed(elLarge, 'auto', false),
  },
  {
    name: `field 64³, R 13 cm bowl, ${elLarge.count} elements, muscle/bone`,
    run: () => timed(elLarge, 'auto', true),
  },
  {
    name: `field 64³, R 8 cm bowl, ${elSmall.count} elements, direct sum (reference)`,
    // Seconds per run: one is enough to read the figure.
    runs: 1,
    run: () => timed(elSmall, 'direct', false),
  },
]
