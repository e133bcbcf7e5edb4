import { type EmbolizationDetail, isEmbolizationDetail } from '../../../cases/simulate/embolization'
import { appStore } from '../../../store/appStore'
import type { ProcedurePanelProps } from '../procedurePanelProps'
import { AgentForm } from './AgentForm'
import { CatheterTargets } from './CatheterTargets'
import { EmbolizationDsa } from './EmbolizationDsa'

/** Outcome: refusal with its reason, or devascularization, non-target territories and timing. */
function Outcome({ detail }: { detail: EmbolizationDetail }) {
  if (detail.refused) {
    return (
      <p className="sim-verdict bad" data-testid="embo-refused">
        Not embolized: {detail.refusalReason}
      </p>
    )
  }
  return (
    <div className="embo-outcome">
      <p
        data-testid="embo-devasc"
        data-pct={detail.devascularizationPct.toFixed(1)}
        data-grade={detail.grade}
      >
        Devascularization {detail.devascularizationPct.toFixed(0)} % ({detail.grade}) with{' '}
        {detail.deliveredMl} mL of {detail.agentName}
        {detail.refluxMl > 0.005 ? `; reflux ${detail.refluxMl.toFixed(2)} mL` : ''}.
      </p>
      {detail.nonTarget.length > 0 ? (
        <table className="sim-metrics" data-testid="embo-nontarget">
          <thead>
            <tr>
              <th scope="col">Non-target territory</th>
              <th scope="col">Flow</th>
              <th scope="col">Embolic</th>
            </tr>
          </thead>
          <tbody>
            {detail.nonTarget.map((n) => (
              <tr key={n.name}>
                <td>{n.name}</td>
                <td>−{n.flowLossPct.toFixed(0)} %</td>
                <td>{n.embolicUl.toFixed(0)} µL</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="hint" data-testid="embo-timing">
        {detail.timingAdvice}
      </p>
    </div>
  )
}

/** The embolization procedure's own controls and results (catheter, agent, DSA, outcome). */
export function EmbolizationPanel({ device, result, stale }: ProcedurePanelProps) {
  if (device.kind !== 'embolizationCatheter') return null
  const detail = result && isEmbolizationDetail(result.detail) ? result.detail : null
  const s = appStore.getState()
  return (
    <div className="embo-panel" data-testid="embo-panel">
      {detail ? (
        <p data-testid="embo-tip" data-selectivity={detail.selectivity}>
          Tip: {detail.vesselName} ({detail.selectivity})
          {stale ? ' — the catheter has moved: run again' : ''}
        </p>
      ) : null}
      <CatheterTargets device={device} detail={stale ? null : detail} />
      <AgentForm device={device} />
      <div className="button-row">
        <button
          type="button"
          data-testid="embo-embolize"
          onClick={() => void s.runDeviceSimulation(device.id)}
        >
          Angiogram and embolize
        </button>
      </div>
      {detail ? <Outcome detail={detail} /> : null}
      {detail ? <EmbolizationDsa detail={detail} /> : null}
    </div>
  )
}
