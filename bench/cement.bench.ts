/**
 * Cementoplasty benchmarks (src/sim/cement): a 5 mL low-viscosity injection at 3 mL/min on a 1 mm grid
 * around a synthetic lumbar vertebra (56×64×44 voxels, posterior-wall defect and veins), and one 512×512
 * lateral fluoroscopy frame (cement splat + display) for a 256×256×200 CT, plus that angle's one-off
 * line-integral precomputation (whole CT, and the app's 12 cm field of view centred on the vertebra).
 * The browser figure for a frame is printed by tests/e2e/cement.e2e.ts.
 */
import { createCementState, cementFillFraction } from '../src/sim/cement/cementState'
import { createDrrProjector, type DrrProjector, renderDrrFrame } from '../src/sim/cement/drr'
import { buildPorousMedium } from '../src/sim/cement/porousMedium'
import { CEMENTS } from '../src/sim/cement/rheology'
import { stepCement } from '../src/sim/cement/stepCement'
import { makeVertebra } from '../tests/sim/cement/fixtures'
import { phantomToVolume } from '../src/cases/catalog'
import { expertPlan } from '../src/cases/expert'
import { generateCase } from '../src/cases/library'
import { simulateCement } from '../src/cases/simulate/cement'
import { silentContext } from '../src/cases/simulate/types'
import type { CtVolume } from '../src/cases/volume'
import type { Plan } from '../src/plan'

const vb = makeVertebra({ posteriorDefect: true, basivertebralVein: true, segmentalVein: true })

const CT = [256, 256, 200] as const
const ct = new Float32Array(CT[0] * CT[1] * CT[2])
for (let k = 0; k < CT[2]; k++) {
  for (let j = 0; j < CT[1]; j++) {
    for (let i = 0; i < CT[0]; i++) {
      const r = Math.hypot(i - 128, j - 128)
      ct[i + CT[0] * (j + CT[1] * k)] =
        r < 110 ? (Math.hypot(i - 128, j - 140) < 20 ? 300 : 40) : -1000
    }
  }
}
let projector: DrrProjector | null = null
const fill = new Float32Array(56 * 64 * 44)
const porosity = new Float32Array(56 * 64 * 44)
const line = new Float32Array(512 * 512)
const grey = new Uint8Array(512 * 512)
const view = { angleDeg: 90, widthPx: 512, heightPx: 512 }

let l3: { volume: CtVolume; plan: Plan } | null = null

export const benchmarks: Array<{
  name: string
  runs?: number
  setup?: () => void
  run: () => void | string | Promise<string>
}> = [
  {
    name: 'cement: app run on l3-rcc-lytic, expert trocar 4.5 mL high viscosity (ROI, frames, metrics)',
    runs: 3,
    setup: () => {
      const phantom = generateCase('l3-rcc-lytic')
      const plan = expertPlan('l3-rcc-lytic', phantom)
      l3 = { volume: phantomToVolume('l3-rcc-lytic', plan.title, phantom), plan }
    },
    run: async () => {
      if (!l3) return ''
      const trocar = l3.plan.devices.find((d) => d.kind === 'cementTrocar')
      if (!trocar) return 'no trocar'
      const r = await simulateCement(l3.volume, l3.plan, trocar, {}, silentContext)
      return r.verdict
    },
  },
  {
    name: 'cement: 5 mL low-viscosity injection, 1 mm grid (56×64×44)',
    run: () => {
      const medium = buildPorousMedium({ grid: vb.grid, hu: vb.hu, labels: vb.labels, seed: 5 })
      const st = createCementState({
        medium,
        tipM: vb.tipM,
        cement: CEMENTS.low,
        injectionStartS: 150,
      })
      for (let s = 0; s < 100; s++) stepCement(st, { rateM3PerS: 5e-8, targetVolumeM3: 5e-6 }, 1)
      fill.set(cementFillFraction(st))
      porosity.set(medium.porosity)
      const leaked = st.leaks.reduce((a, l) => a + l.volumeM3, 0) * 1e6
      return `${st.clusterCount} full voxels, ${st.solves} CG solves, ${st.cgIterations} iterations, ${leaked.toFixed(2)} mL leaked`
    },
  },
  {
    name: 'cement: DRR line-integral precompute, one angle, 256×256×200 → 512×512',
    run: () => {
      projector = createDrrProjector(ct, CT, [1e-3, 1e-3, 1e-3], view)
    },
  },
  {
    name: 'cement: DRR line-integral precompute, 12 cm field of view (as in the app) → 512×512',
    run: () => {
      createDrrProjector(ct, CT, [1e-3, 1e-3, 1e-3], {
        ...view,
        detectorPixelM: (0.12 / 512) * (1 / 0.75),
        isocentreM: [0.128, 0.14, 0.1],
      })
    },
  },
  {
    name: 'cement: DRR frame 512×512 (cement splat + display)',
    setup: () => {
      projector ??= createDrrProjector(ct, CT, [1e-3, 1e-3, 1e-3], view)
    },
    run: () => {
      if (!projector) return
      renderDrrFrame(
        projector,
        { fill, porosity, dims: [56, 64, 44], offsetIjk: [100, 96, 78] },
        line,
        grey,
      )
    },
  },
]
