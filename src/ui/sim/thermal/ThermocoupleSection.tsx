import { useState } from 'react'
import type { ProcedureResult } from '../../../cases/simulate'
import { isThermalDetail, type ThermalDetail } from '../../../cases/simulate/thermal/detail'
import type { Device, Plan } from '../../../plan'
import { appStore, useAppStore } from '../../../store/appStore'
import { getVolume } from '../../../store/volumeRegistry'
import { applyEdit, without, withProtection } from '../../plan/targetEdits'
import { SeriesChart } from '../SeriesChart'
import { curveFromFrames, nearestCanalPoint } from './thermocouplePoints'

type Thermocouple = Extract<Plan['protections'][number], { kind: 'thermocouple' }>

const fmt = (p: readonly number[]) => p.map((c) => c.toFixed(1)).join(', ')

/** Adds a thermocouple at a point with a name (one undo step). */
function addThermocouple(pointMm: readonly [number, number, number], label?: string): void {
  const s = appStore.getState()
  const edit = withProtection(s.plan, 'thermocouple', [pointMm[0], pointMm[1], pointMm[2]])
  const added = edit.plan.protections[edit.plan.protections.length - 1]
  if (label && added?.kind === 'thermocouple') {
    const named = { ...added, label }
    applyEdit({
      plan: { ...edit.plan, protections: [...edit.plan.protections.slice(0, -1), named] },
      label: `Added ${label}`,
    })
    return
  }
  applyEdit(edit)
}

/**
 * Virtual thermocouples: add one at the crosshair or at the canal point nearest the device, list them with
 * their reading, and plot the curve of those added since the run (read from its saved frames).
 */
export function ThermocoupleSection({
  device,
  result,
}: {
  device: Device
  result: ProcedureResult | undefined
}) {
  const protections = useAppStore((s) => s.plan.protections)
  const volumeId = useAppStore((s) => s.volumeId)
  const timeS = useAppStore((s) => s.simTimeS)
  const [notice, setNotice] = useState<string | null>(null)
  const tcs = protections.filter((p): p is Thermocouple => p.kind === 'thermocouple')
  const detail = result && isThermalDetail(result.detail) ? result.detail : null
  const simulated = new Set(result ? result.series.map((s) => s.id) : [])
  const onCanal = (): void => {
    const v = getVolume(volumeId)
    const p = v ? nearestCanalPoint(v, device.tipMm) : null
    if (!p) {
      setNotice('No spinal canal within 60 mm of the device (or this scan has no labels).')
      return
    }
    setNotice(null)
    addThermocouple(p, `Canal near ${device.label}`)
  }
  return (
    <fieldset className="thermal-thermocouples" data-testid="thermal-thermocouples">
      <legend>Thermocouples</legend>
      <div className="button-row">
        <button
          type="button"
          data-testid="thermal-tc-crosshair"
          onClick={() => addThermocouple(appStore.getState().crosshairMm)}
        >
          Add thermocouple at crosshair
        </button>
        <button type="button" data-testid="thermal-tc-canal" onClick={onCanal}>
          At the canal
        </button>
      </div>
      {notice ? <p className="hint">{notice}</p> : null}
      <TcList tcs={tcs} result={result} detail={detail} timeS={timeS} />
      {result
        ? tcs
            .filter((tc) => !simulated.has(`tc-${tc.id}`))
            .map((tc) => {
              const curve = curveFromFrames(result, tc)
              return curve ? (
                <SeriesChart key={tc.id} series={curve} cursorX={timeS} />
              ) : (
                <p key={tc.id} className="hint">
                  {tc.label}: outside the heated or cooled region of the last run (stays near 37
                  °C).
                </p>
              )
            })
        : null}
    </fieldset>
  )
}

/** The plan's thermocouples with their reading at the scrubber time. */
function TcList({
  tcs,
  result,
  detail,
  timeS,
}: {
  tcs: readonly Thermocouple[]
  result: ProcedureResult | undefined
  detail: ThermalDetail | null
  timeS: number
}) {
  return (
    <>
      {tcs.length === 0 ? (
        <p className="hint">No thermocouple yet: nerves should stay between 10 and 45 °C.</p>
      ) : (
        <ul className="thermal-tc-list">
          {tcs.map((tc) => {
            const d = detail?.thermocouples.find((x) => x.id === tc.id)
            const series = result?.series.find((s) => s.id === `tc-${tc.id}`)
            const now = series ? readingAt(series.x, series.y, timeS) : null
            return (
              <li key={tc.id} data-testid={`thermal-tc-${tc.id}`}>
                <strong>{tc.label}</strong> <small>({fmt(tc.pointMm)} mm)</small>{' '}
                {now !== null ? <span>{now.toFixed(1)} °C now</span> : null}
                {d && !d.inRoi ? <span className="hint"> outside the simulated region</span> : null}
                <button
                  type="button"
                  aria-label={`Remove ${tc.label}`}
                  onClick={() => applyEdit(without(appStore.getState().plan, tc.id, tc.label))}
                >
                  ✕
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

/** The reading at time t (last sample at or before t). */
function readingAt(x: readonly number[], y: readonly number[], t: number): number | null {
  let v: number | null = null
  for (let n = 0; n < x.length; n++) {
    if (x[n]! > t + 1e-9) break
    const yn = y[n]!
    v = Number.isNaN(yn) ? null : yn
  }
  return v
}
