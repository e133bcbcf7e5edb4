/** The case graph per volume, memoised (the graph is rebuilt only for a new volume or vascularity). */
import type { Plan } from '../../../plan'
import type { CtVolume } from '../../volume'
import type { SimOptions } from '../types'
import { buildCaseGraph } from './buildCaseGraph'
import type { CaseGraph } from './caseGraph'
import { parseTracedVessels, volumeWithTraced } from './traced'

const cache = new WeakMap<CtVolume, Map<string, CaseGraph>>()

/** The case graph of `volume` (built once per volume object and vascularity). */
export function cachedCaseGraph(volume: CtVolume, vascularity?: number): CaseGraph {
  const k = vascularity === undefined ? 'auto' : String(vascularity)
  let m = cache.get(volume)
  if (!m) {
    m = new Map()
    cache.set(volume, m)
  }
  const hit = m.get(k)
  if (hit) return hit
  const cg = buildCaseGraph(volume, vascularity === undefined ? {} : { vascularity })
  m.set(k, cg)
  return cg
}

/**
 * The graph a run uses: the volume's own centrelines, or (loaded scans) the vessels traced by the user in
 * `options.tracedVessels`, with the plan's sphere target as the tumour.
 */
export function caseGraphFor(volume: CtVolume, plan: Plan, options: SimOptions): CaseGraph {
  const v = options.vascularity
  const vascularity = typeof v === 'number' && Number.isFinite(v) ? v : undefined
  const traced = parseTracedVessels(options.tracedVessels)
  const merged = traced.length > 0 ? volumeWithTraced(volume, traced, plan) : volume
  return cachedCaseGraph(merged, vascularity)
}
