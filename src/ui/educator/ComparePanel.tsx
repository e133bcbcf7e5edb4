/**
 * Two plans on the same lesion: pick the second plan (the case's expert plan or a copy of this one), show
 * or hide its ghosts, simulate both, and read their metrics in two columns.
 */
import { useMemo } from 'react'
import type { ProcedureResult } from '../../cases/simulate/types'
import { appStore, useAppStore } from '../../store/appStore'
import { compareRows, type CompareRow } from './compareRows'

/** Results of a plan's devices that exist, in plan order. */
const resultsOf = (
  ids: readonly string[],
  results: Readonly<Record<string, ProcedureResult>>,
): ProcedureResult[] => ids.flatMap((id) => (results[id] ? [results[id]] : []))

/** Running and failed simulations of both plans, in words. */
function RunNotes() {
  const simRuns = useAppStore((s) => s.simRuns)
  const compareRuns = useAppStore((s) => s.compareRuns)
  const notes = [
    ...Object.entries(simRuns).map(([id, r]) => ({ who: `This plan, ${id}`, ...r })),
    ...Object.entries(compareRuns).map(([id, r]) => ({ who: `Compared plan, ${id}`, ...r })),
  ].filter((n) => n.state === 'running' || n.state === 'error')
  if (notes.length === 0) return null
  return (
    <ul className="compare-notes" data-testid="compare-notes">
      {notes.map((n) => (
        <li key={n.who} data-state={n.state}>
          {n.who}:{' '}
          {n.state === 'running' ? `${Math.round(n.progress * 100)} % ${n.message}` : n.message}
        </li>
      ))}
    </ul>
  )
}

/** The two-column table. */
function CompareTable({ rows, label }: { rows: readonly CompareRow[]; label: string }) {
  return (
    <table className="compare-metrics" data-testid="compare-metrics">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">This plan</th>
          <th scope="col">
            <span className="ghost-swatch" aria-hidden="true" /> {label}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) =>
          r.isHeading ? (
            <tr key={r.key} className="compare-heading">
              <th scope="rowgroup" colSpan={3}>
                {r.label}
              </th>
            </tr>
          ) : (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.mine ?? '—'}</td>
              <td>{r.theirs ?? '—'}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  )
}

/** The comparison controls and the two-column table. */
export function ComparePanel() {
  const plan = useAppStore((s) => s.plan)
  const comparePlan = useAppStore((s) => s.comparePlan)
  const label = useAppStore((s) => s.compareLabel)
  const visible = useAppStore((s) => s.compareVisible)
  const simResults = useAppStore((s) => s.simResults)
  const compareResults = useAppStore((s) => s.compareResults)
  const s = appStore.getState()
  const rows = useMemo(() => {
    const ids = (p: { devices: readonly { id: string }[] } | null) =>
      p?.devices.map((d) => d.id) ?? []
    return compareRows(
      { plan, results: resultsOf(ids(plan), simResults) },
      { plan: comparePlan, results: resultsOf(ids(comparePlan), compareResults) },
    )
  }, [plan, comparePlan, simResults, compareResults])
  return (
    <section className="compare-panel" data-testid="compare-panel" aria-label="Compare two plans">
      <div className="educator-row">
        <button
          type="button"
          data-testid="compare-expert"
          onClick={() => void s.compareWithExpert()}
        >
          Compare with expert plan
        </button>
        <button type="button" data-testid="compare-copy" onClick={() => s.compareWithCurrentCopy()}>
          Keep a copy to compare
        </button>
        {comparePlan ? (
          <>
            <label className="educator-check">
              <input
                type="checkbox"
                data-testid="compare-toggle"
                checked={visible}
                onChange={(e) => s.setCompareVisible(e.target.checked)}
              />
              Show ghosts
            </label>
            <button
              type="button"
              data-testid="compare-run"
              onClick={() => void s.runCompareSimulations()}
            >
              Simulate both
            </button>
            <button
              type="button"
              data-testid="compare-swap"
              onClick={() => s.swapWithComparePlan()}
            >
              Swap plans
            </button>
            <button type="button" data-testid="compare-clear" onClick={() => s.clearComparePlan()}>
              Stop comparing
            </button>
          </>
        ) : null}
      </div>
      {comparePlan ? (
        <>
          <CompareTable rows={rows} label={label} />
          <RunNotes />
        </>
      ) : (
        <p className="educator-hint">
          Show a second plan as violet ghosts in every view, e.g. the expert plan.
        </p>
      )}
    </section>
  )
}
