import { useState } from 'react'
import {
  TRACED_RADIUS_MM,
  type TracedVessel,
  parseTracedVessels,
} from '../../../cases/simulate/embolization'
import type { Vec3 } from '../../../lib/vec3'
import type { DeviceOf } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'

type Catheter = DeviceOf<'embolizationCatheter'>

const KIND_NAMES: Record<TracedVessel['kind'], string> = {
  aorta: 'aorta',
  segmental: 'segmental artery',
  adamkiewicz: 'artery of Adamkiewicz',
  anteriorSpinalArtery: 'anterior spinal artery',
}

const nameOf = (t: TracedVessel): string =>
  `${KIND_NAMES[t.kind]}${t.level ? ` ${t.side ?? ''}${t.level}` : ''} (${t.points.length} points)`

/** Which vessel is being traced: kind, and level and side for a segmental artery or the AKA. */
function VesselPicker(p: {
  kind: TracedVessel['kind']
  level: string
  side: 'L' | 'R'
  onKind: (k: TracedVessel['kind']) => void
  onLevel: (l: string) => void
  onSide: (s: 'L' | 'R') => void
}) {
  const { kind, level, side, onKind, onLevel, onSide } = p
  const hasLevel = kind === 'segmental' || kind === 'adamkiewicz'
  return (
    <>
      <label className="inline">
        Vessel
        <select
          data-testid="embo-trace-kind"
          value={kind}
          onChange={(e) => onKind(e.target.value as TracedVessel['kind'])}
        >
          {(Object.keys(KIND_NAMES) as TracedVessel['kind'][]).map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      {hasLevel ? (
        <>
          <label className="inline">
            Level
            <input
              data-testid="embo-trace-level"
              size={4}
              value={level}
              onChange={(e) => onLevel(e.target.value.trim().toUpperCase())}
            />
          </label>
          <select
            data-testid="embo-trace-side"
            value={side}
            onChange={(e) => onSide(e.target.value === 'R' ? 'R' : 'L')}
          >
            <option value="L">left</option>
            <option value="R">right</option>
          </select>
        </>
      ) : null}
    </>
  )
}

/** The traced vessels, each removable. */
function TracedList({
  traced,
  onSave,
}: {
  traced: TracedVessel[]
  onSave: (next: TracedVessel[]) => void
}) {
  if (traced.length === 0) return null
  return (
    <ul data-testid="embo-trace-list">
      {traced.map((t, k) => (
        <li key={k}>
          {nameOf(t)}{' '}
          <button
            type="button"
            data-testid={`embo-trace-remove-${k}`}
            onClick={() => onSave(traced.filter((_, i) => i !== k))}
          >
            remove
          </button>
        </li>
      ))}
    </ul>
  )
}

/**
 * Tracing vessels on a loaded scan: click along a vessel in the 2D views (the crosshair moves there),
 * add each crosshair point, finish the vessel. The traced vessels go with the catheter's run options.
 */
export function TraceTool({ device }: { device: Catheter }) {
  const crosshair = useAppStore((s) => s.crosshairMm)
  const options = useAppStore((s) => s.simOptions[device.id])
  const traced = parseTracedVessels(options?.tracedVessels)
  const [kind, setKind] = useState<TracedVessel['kind']>('aorta')
  const [level, setLevel] = useState('T12')
  const [side, setSide] = useState<'L' | 'R'>('L')
  const [points, setPoints] = useState<Vec3[]>([])
  const save = (next: TracedVessel[]): void =>
    appStore.getState().setSimOptions(device.id, { ...options, tracedVessels: next })
  const hasLevel = kind === 'segmental' || kind === 'adamkiewicz'
  const same = (t: TracedVessel): boolean =>
    t.kind === kind && (!hasLevel || (t.level === level && t.side === side))
  return (
    <fieldset className="embo-trace" data-testid="embo-trace">
      <legend>Trace vessels (this scan has no centrelines)</legend>
      <p className="hint">
        Click along the vessel in a 2D view, then “Add the crosshair point”; trace the aorta, the
        segmental arteries near the lesion and, if seen, the artery of Adamkiewicz and the anterior
        spinal artery. The tumour is the plan’s sphere target.
      </p>
      <VesselPicker
        kind={kind}
        level={level}
        side={side}
        onKind={setKind}
        onLevel={setLevel}
        onSide={setSide}
      />
      <div className="button-row">
        <button
          type="button"
          data-testid="embo-trace-add"
          onClick={() => setPoints([...points, [crosshair[0], crosshair[1], crosshair[2]]])}
        >
          Add the crosshair point ({points.length})
        </button>
        <button
          type="button"
          data-testid="embo-trace-undo"
          disabled={points.length === 0}
          onClick={() => setPoints(points.slice(0, -1))}
        >
          Undo point
        </button>
        <button
          type="button"
          data-testid="embo-trace-finish"
          disabled={points.length < 2}
          onClick={() => {
            const t: TracedVessel = {
              kind,
              points,
              radiusMm: TRACED_RADIUS_MM[kind],
              ...(hasLevel ? { level, side } : {}),
            }
            save([...traced.filter((x) => !same(x)), t])
            setPoints([])
          }}
        >
          Finish this vessel
        </button>
      </div>
      <TracedList traced={traced} onSave={save} />
    </fieldset>
  )
}
