/**
 * Embolization benchmarks (src/sim/embolization): the flow solve of a 500-segment spinal network (goal
 * < 10 ms), one 512 × 512 DSA frame of a fully opacified network (goal < 50 ms), and on the T12 case
 * (src/cases/simulate/embolization): the case graph, the whole simulation of the expert plan and one
 * 256 × 256 panel DSA frame.
 */
import { generateCatalogVolume } from '../src/cases/catalog'
import { expertPlan } from '../src/cases/expert'
import { generateCase } from '../src/cases/library'
import { simulateDevice } from '../src/cases/simulate'
import {
  type EmbolizationDetail,
  buildCaseGraph,
  dsaImage,
} from '../src/cases/simulate/embolization'
import type { CtVolume } from '../src/cases/volume'
import type { Plan } from '../src/plan'
import { createRng } from '../src/lib/rng'
import { buildSpinalArteryTree } from '../src/sim/embolization/buildSpinalArteryTree'
import { solveNetworkFlow } from '../src/sim/embolization/flow'
import { renderDsaFrame } from '../src/sim/embolization/projectDsa'
import {
  defaultSpinalArteryTreeParams,
  defaultSpinalLevels,
} from '../src/sim/embolization/spinalTreeParams'

const levels = defaultSpinalLevels([
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
])
const small = buildSpinalArteryTree(defaultSpinalArteryTreeParams({ levels }), createRng(7)).graph
// Twenty levels are not anatomical; they only scale the same topology to ~500 segments.
const many = Array.from({ length: 22 }, (_, i) => `X${i}`)
const big = buildSpinalArteryTree(
  defaultSpinalArteryTreeParams({
    levels: defaultSpinalLevels(many),
    tumour: null,
    adamkiewicz: { level: 'X9', side: 'L' },
    distribution: {
      presentProbability: 1,
      leftProbability: 1,
      secondFeederProbability: 0,
      levelWeights: { X9: 1 },
    },
  }),
  createRng(7),
).graph
const opacity = new Float32Array(small.segments.length).fill(0.8)
const frame = new Float32Array(512 * 512)
const view = {
  angleDeg: 20,
  centreMm: [0, 0, -150] as const,
  pixelSizeMm: 0.8,
  width: 512,
  height: 512,
}

const CASE = 't12-rcc-embolization'
let volume: CtVolume | undefined
let plan: Plan | undefined
let detail: EmbolizationDetail | undefined
const caseSetup = async (): Promise<void> => {
  if (volume && plan && detail) return
  volume = generateCatalogVolume(CASE)
  plan = expertPlan(CASE, generateCase(CASE))
  detail = (await simulateDevice(volume, plan, plan.devices[0].id)).detail as EmbolizationDetail
}

/** Benchmarks run by `npm run bench`. */
export const benchmarks: Array<{
  name: string
  setup?: () => Promise<void>
  run: () => void | Promise<void>
}> = [
  { name: `flow solve, ${big.segments.length} segments`, run: () => void solveNetworkFlow(big) },
  {
    name: `flow solve, ${small.segments.length} segments (T5–L5)`,
    run: () => void solveNetworkFlow(small),
  },
  {
    name: `DSA frame 512×512, ${small.segments.length} segments all opacified`,
    run: () => void renderDsaFrame(small, opacity, view, undefined, frame),
  },
  {
    name: `${CASE}: case arterial graph from the phantom centrelines`,
    setup: caseSetup,
    run: () => void buildCaseGraph(volume!),
  },
  {
    name: `${CASE}: whole simulation of the expert catheter (12 delivery chunks)`,
    setup: caseSetup,
    run: async () => void (await simulateDevice(volume!, plan!, plan!.devices[0].id)),
  },
  {
    name: `${CASE}: one 256×256 panel DSA frame at 2 s`,
    setup: caseSetup,
    run: () => void dsaImage(detail!, detail!.transport, 0, 2),
  },
]
