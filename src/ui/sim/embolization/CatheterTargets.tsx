import { useMemo, useState } from 'react'
import {
  type CatheterTarget,
  type EmbolizationDetail,
  branchTarget,
  cachedCaseGraph,
  catheterTargets,
  parseTracedVessels,
  volumeWithTraced,
} from '../../../cases/simulate/embolization'
import type { CtVolume } from '../../../cases/volume'
import type { DeviceOf } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'
import { getVolume } from '../../../store/volumeRegistry'
import { TraceTool } from './TraceTool'

type Catheter = DeviceOf<'embolizationCatheter'>

/** Moves the catheter tip to a target in one undoable plan edit. */
function moveTo(device: Catheter, t: CatheterTarget): void {
  const next: Catheter = {
    ...device,
    vesselId: t.vesselId,
    tipAlongVessel: Math.min(1, Math.max(0, Math.round(t.tipAlongVessel * 1e4) / 1e4)),
    tipMm: [t.tipMm[0], t.tipMm[1], t.tipMm[2]],
  }
  appStore.getState().setParam(device.id, [], next)
}

/** After a run: advance the tip into a branch that fills from it. */
function AdvanceButtons({
  device,
  detail,
  volume,
}: {
  device: Catheter
  detail: EmbolizationDetail | null
  volume: CtVolume | undefined
}) {
  const advance = useMemo(() => {
    if (!volume || !detail) return []
    const cg = cachedCaseGraph(volume)
    return detail.downstream.flatMap((b) => {
      const t = branchTarget(cg, b.segment)
      return t ? [{ t, share: b.flowSharePct }] : []
    })
  }, [volume, detail])
  if (advance.length === 0) return null
  return (
    <div className="embo-advance">
      <span>Advance into:</span>
      {advance.map(({ t, share }) => (
        <button
          key={t.id}
          type="button"
          data-testid={`embo-advance-${t.id}`}
          onClick={() => moveTo(device, t)}
        >
          {t.label} ({share.toFixed(0)} % of the flow)
        </button>
      ))}
    </div>
  )
}

/**
 * Catheter navigation: superselect a tumour feeder, select a segmental artery at its origin, or (after a
 * run) advance into a branch that fills from the tip.
 */
export function CatheterTargets({
  device,
  detail,
}: {
  device: Catheter
  detail: EmbolizationDetail | null
}) {
  const volumeId = useAppStore((s) => s.volumeId)
  const plan = useAppStore((s) => s.plan)
  const options = useAppStore((s) => s.simOptions[device.id])
  const base = getVolume(volumeId)
  // A loaded scan without centrelines uses the vessels traced for this catheter.
  const hasOwnVessels = base?.vessels?.some((v) => v.kind === 'aorta') === true
  const volume = useMemo(() => {
    const traced = parseTracedVessels(options?.tracedVessels)
    return base && !hasOwnVessels && traced.length > 0 ? volumeWithTraced(base, traced, plan) : base
  }, [base, hasOwnVessels, options, plan])
  const targets = useMemo(() => {
    try {
      return volume ? catheterTargets(volume) : []
    } catch {
      // A traced tree without an aorta has no graph yet.
      return []
    }
  }, [volume])
  const [segmental, setSegmental] = useState('')
  const trace = !hasOwnVessels && base ? <TraceTool device={device} /> : null
  if (targets.length === 0) {
    return (
      trace ?? (
        <p className="hint" data-testid="embo-no-vessels">
          The scan is not loaded.
        </p>
      )
    )
  }
  const feeders = targets.filter((t) => t.group === 'feeder')
  const segmentals = targets.filter((t) => t.group === 'segmental')
  const chosen = segmentals.find((t) => t.id === segmental) ?? segmentals[0]
  return (
    <fieldset className="embo-navigation">
      <legend>Catheter tip</legend>
      <div className="button-row">
        {feeders.map((t) => (
          <button
            key={t.id}
            type="button"
            data-testid={`embo-move-${t.id}`}
            onClick={() => moveTo(device, t)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <label className="inline">
        Segmental artery
        <select
          data-testid="embo-segmental"
          value={chosen?.id ?? ''}
          onChange={(e) => setSegmental(e.target.value)}
        >
          {segmentals.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label.replace('Selective: ', '')}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="embo-move-segmental"
        disabled={!chosen}
        onClick={() => chosen && moveTo(device, chosen)}
      >
        Move the tip to its origin
      </button>
      <AdvanceButtons device={device} detail={detail} volume={volume} />
      {trace}
    </fieldset>
  )
}
