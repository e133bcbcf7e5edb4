/**
 * The HIFU drag preview (geometry only, no field solve, a few milliseconds): the beam cone as a wireframe,
 * the textbook −6 dB focal ellipsoid, and whether the cone crosses bowel gas (or any gas or lung), which
 * the cone's legend label says.
 */
import type { SimOverlay } from '../../../lib/fieldOverlay'
import type { PreviewFn } from '../preview'
import {
  analyseBeam,
  conePolyline,
  crossesGas,
  focalEllipsoidOverlay,
  gasNames,
} from './beamGeometry'

export const previewHifu: PreviewFn = (volume, _plan, device) => {
  if (device.kind !== 'hifuTransducer') return null
  const overlays: SimOverlay[] = []
  let label = 'Beam cone'
  let color = '#4ade80'
  if (volume.labels) {
    // A sparse cone (3 rings × up to 12 rays) keeps the march under a few ms.
    const report = analyseBeam(volume, device, device.sonications[0]?.acousticPowerW ?? 60, {
      rings: 3,
      raysPerRing: 12,
    })
    if (crossesGas(report)) {
      label = `Beam cone — crosses ${gasNames(report).join(', ')}`
      color = '#ff4d4d'
    } else {
      label = 'Beam cone — clear of gas'
    }
  }
  overlays.push(conePolyline(device, 'beam-cone-preview', label, color))
  overlays.push(focalEllipsoidOverlay(device, 'focal-ellipsoid-preview'))
  return overlays
}
