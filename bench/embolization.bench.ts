/**
 * Embolization benchmarks (src/sim/embolization): the flow solve of a ~500-segment spinal network
 * (T5–L5 with a tumour; goal < 10 ms) and one 512 × 512 DSA frame of a fully opacified network (goal < 50 ms).
 */
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
const many = Array.from({ length: 20 }, (_, i) => `X${i}`)
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

/** Benchmarks run by `npm run bench`. */
export const benchmarks: Array<{ name: string; run: () => void }> = [
  { name: `flow solve, ${big.segments.length} segments`, run: () => void solveNetworkFlow(big) },
  {
    name: `flow solve, ${small.segments.length} segments (T5–L5)`,
    run: () => void solveNetworkFlow(small),
  },
  {
    name: `DSA frame 512×512, ${small.segments.length} segments all opacified`,
    run: () => void renderDsaFrame(small, opacity, view, undefined, frame),
  },
]
