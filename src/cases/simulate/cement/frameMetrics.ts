/**
 * Per-frame measurements of an injection on the ROI: lesion and bone fill, leaks by pathway, tip pressure
 * and the shortest cement-to-canal distance (updated incrementally: only voxels cement reached since the
 * last frame are measured). Pure.
 */
import { S } from '../../../lib/anatomy'
import { type CementState, LEAK_VISIBLE_M3, PATHWAY } from '../../../sim/cement'
import type { CementFrameInfo, LeakPathway } from './detail'
import type { RoiData } from './roi'

const CANAL_LABELS: ReadonlySet<number> = new Set([
  S.epiduralFat,
  S.csf,
  S.spinalCord,
  S.caudaEquina,
])
const LESION_LABELS: ReadonlySet<number> = new Set([S.tumourLytic, S.tumourBlastic])

/** Measures frames of one injection. */
export interface FrameMeter {
  measure(state: CementState, timeS: number): CementFrameInfo
}

/** Sets up the masks and the canal voxel list once; `measure` is then cheap per frame. */
export function createFrameMeter(
  data: RoiData,
  spacingMm: readonly number[],
  pathway: Uint8Array,
): FrameMeter {
  const { labels, bone } = data
  const [mx, my] = data.roi.dims
  const n = labels.length
  const canal: number[] = []
  // The canal: its labels, plus tumour extending into it (the epidural pathway, src/sim/cement).
  for (let v = 0; v < n; v++) {
    if (CANAL_LABELS.has(labels[v]!) || pathway[v] === PATHWAY.epidural) canal.push(v)
  }
  const seen = new Uint8Array(n)
  let canalD2 = Infinity
  const [sx, sy, sz] = [spacingMm[0]!, spacingMm[1]!, spacingMm[2]!]
  return {
    measure(state, timeS) {
      const m = state.medium
      let lesionPore = 0
      let lesionCement = 0
      let bodyPore = 0
      let bodyCement = 0
      for (let v = 0; v < n; v++) {
        const c = state.cementM3[v]!
        const lab = labels[v]!
        if (LESION_LABELS.has(lab)) {
          lesionPore += state.poreM3[v]!
          lesionCement += c
        }
        if (bone[v] && m.pathway[v] === PATHWAY.body && lab !== S.corticalBone) {
          bodyPore += state.poreM3[v]!
          bodyCement += c
        }
        if (c > 0 && !seen[v]) {
          seen[v] = 1
          const i = v % mx
          const j = Math.floor(v / mx) % my
          const k = Math.floor(v / (mx * my))
          for (const u of canal) {
            const di = ((u % mx) - i) * sx
            const dj = ((Math.floor(u / mx) % my) - j) * sy
            const dk = (Math.floor(u / (mx * my)) - k) * sz
            const d2 = di * di + dj * dj + dk * dk
            if (d2 < canalD2) canalD2 = d2
          }
        }
      }
      const all: Partial<Record<LeakPathway, number>> = {}
      let leakTotalMl = 0
      for (const site of state.leaks) {
        if (site.pathway === 'body' || site.pathway === 'barrier') continue
        const ml = site.volumeM3 * 1e6
        all[site.pathway] = (all[site.pathway] ?? 0) + ml
        leakTotalMl += ml
      }
      // Routes listed as leaks: those holding a visible amount (traces stay in the total only).
      const leakMl: Partial<Record<LeakPathway, number>> = {}
      for (const [p, ml] of Object.entries(all) as [LeakPathway, number][]) {
        if (ml * 1e-6 >= LEAK_VISIBLE_M3) leakMl[p] = ml
      }
      return {
        timeS,
        volumeMl: state.injectedM3 * 1e6,
        lesionFillPct: lesionPore > 0 ? (100 * lesionCement) / lesionPore : 0,
        bodyFillPct: bodyPore > 0 ? (100 * bodyCement) / bodyPore : 0,
        leakMl,
        leakTotalMl,
        tipPressureKPa: state.tipPressurePa / 1000,
        canalDistanceMm: Number.isFinite(canalD2) ? Math.sqrt(canalD2) : null,
      }
    },
  }
}
