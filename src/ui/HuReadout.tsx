import { structureById } from '../lib/anatomy'
import { worldToIjk } from '../lib/space'
import { useAppStore } from '../store/appStore'
import { getVolume } from '../store/volumeRegistry'
import { huAt } from '../store/selectors'

/** HU under the crosshair, its LPS position and, for built-in cases, the structure there. */
export function HuReadout() {
  const p = useAppStore((s) => s.crosshairMm)
  const volumeId = useAppStore((s) => s.volumeId)
  const hu = huAt(volumeId, p)
  const v = getVolume(volumeId)
  let structure = ''
  if (v?.labels && hu !== null) {
    const q = worldToIjk(v.geometry, p).map(Math.round) as [number, number, number]
    const [nx, ny] = v.geometry.dims
    structure = structureById(v.labels[q[0] + nx * (q[1] + ny * q[2])] ?? 0).name
  }
  const pos = `L ${p[0].toFixed(1)}, P ${p[1].toFixed(1)}, S ${p[2].toFixed(1)} mm`
  return (
    <div
      className="hu-readout"
      data-testid="hu-readout"
      data-hu={hu ?? ''}
      data-lps={p.map((c) => c.toFixed(2)).join(',')}
    >
      <strong>{hu === null ? '—' : `${hu} HU`}</strong> <span>{pos}</span>
      {structure ? <span className="structure"> · {structure}</span> : null}
    </div>
  )
}
