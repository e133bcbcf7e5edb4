/**
 * Which sonications a HIFU run simulates: the panel's list, an automatic grid over the target bone
 * surface (src/sim/acoustic/sonicationPlan), or the plan's list. Pure; LPS millimetres.
 */
import { ijkToWorld, type VolumeGeometry } from '../../../lib/space'
import { sub } from '../../../lib/vec3'
import type { DeviceOf } from '../../../plan'
import { simGridOf } from '../../../plan/simSpace'
import { STEERING_LIMITS_M } from '../../../sim/acoustic/bowlTransducer'
import { placeSonicationGrid } from '../../../sim/acoustic/sonicationPlan'
import type { HifuDetail, HifuOptions } from './hifuTypes'
import { targetSurfaceMask, type PlannedSonication } from './sonicate'

/** Defaults of the automatic grid: 5 mm apart (about 3 focal widths), at most 9. */
export const AUTO_GRID = { spacingMm: 5, maxSonications: 9 } as const

/** The sonications of a run and where they came from. */
export function sonicationList(
  device: DeviceOf<'hifuTransducer'>,
  opts: HifuOptions,
  labelsAround: () => { geom: VolumeGeometry; labels: Uint8Array },
): { list: PlannedSonication[]; source: HifuDetail['sonicationSource'] } {
  if (opts.sonications) return { list: opts.sonications.map((s) => ({ ...s })), source: 'options' }
  if (opts.autoGrid) {
    const { geom, labels } = labelsAround()
    return { list: autoGrid(device, opts, geom, labels), source: 'auto' }
  }
  return { list: device.sonications.map((s) => ({ ...s })), source: 'plan' }
}

/**
 * Foci on the bone surface facing the beam within the lateral steering reach, `spacingMm` apart, the
 * nearest to the transducer focus first, with the device's first sonication's power and timing.
 */
function autoGrid(
  device: DeviceOf<'hifuTransducer'>,
  opts: HifuOptions,
  g: VolumeGeometry,
  labels: Uint8Array,
): PlannedSonication[] {
  const mask = targetSurfaceMask(g, labels, STEERING_LIMITS_M.lateral * 1000)
  const spacingMm = opts.gridSpacingMm ?? AUTO_GRID.spacingMm
  const first = device.sonications[0]
  const timing = {
    powerW: first?.acousticPowerW ?? 60,
    durationS: first?.durationS ?? 25,
    coolingS: first?.coolingS ?? 60,
  }
  const foci = placeSonicationGrid(
    { grid: simGridOf(g), originM: [0, 0, 0], labels },
    mask,
    [0, 0, 1],
    spacingMm / 1000,
    timing,
  )
  const s = g.spacingMm[0]
  const list = foci.map((f) => {
    const p = ijkToWorld(g, [
      (f.focusM[0] * 1000) / s,
      (f.focusM[1] * 1000) / s,
      (f.focusM[2] * 1000) / s,
    ])
    const d = sub(p, device.tipMm)
    const r3 = (x: number): number => Math.round(x * 1000) / 1000
    return {
      offsetMm: [r3(d[0]), r3(d[1]), r3(d[2])] as [number, number, number],
      acousticPowerW: f.powerW,
      durationS: f.durationS,
      coolingS: f.coolingS,
    }
  })
  list.sort((a, b) => Math.hypot(...a.offsetMm) - Math.hypot(...b.offsetMm))
  const out = list.slice(0, opts.maxSonications ?? AUTO_GRID.maxSonications)
  if (out.length === 0) {
    throw new Error(
      'No bone surface faces the beam within the steering reach of the focus: aim the focus at the cortex.',
    )
  }
  return out
}
