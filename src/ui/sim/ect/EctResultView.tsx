/** ECT result: coverage, where the gap is, and each pair's naive voltage ÷ distance against the local field. */
import type { EctDetail } from '../../../cases/simulate/ect/ectSummary'

const f0 = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(0))
const mm = (p: readonly number[]): string => p.map((x) => x.toFixed(0)).join(', ')

/** Coverage figure, gap, edge-vs-naive contrast and the pair table. */
export function EctResultView({ detail }: { detail: EctDetail }) {
  return (
    <div className="ect-result">
      <p
        className={detail.complete ? 'ect-coverage ok' : 'ect-coverage bad'}
        data-testid="ect-coverage"
        data-coverage={detail.coveragePct.toFixed(2)}
        data-complete={detail.complete}
      >
        Coverage: <strong>{detail.coveragePct.toFixed(1)} %</strong> of the tumour ≥ 400 V/cm
        {detail.complete ? ' (complete)' : ' (incomplete: the goal is 100 %)'}
      </p>
      {detail.gap ? (
        <p data-testid="ect-gap">
          Largest gap: {detail.gap.volumeMl.toFixed(2)} mL at the {detail.gapWhere} edge of the
          tumour (LPS {mm(detail.gap.atMm)} mm), field down to {detail.gap.minVPerCm.toFixed(0)}{' '}
          V/cm.
        </p>
      ) : null}
      <p className="ect-contrast" data-testid="ect-contrast">
        Voltage ÷ distance: <strong>{f0(detail.naiveMeanVPerCm)} V/cm</strong>; local field at the
        tumour edge: <strong>{f0(detail.edgeP5VPerCm)} V/cm</strong> (5th percentile, lowest{' '}
        {f0(detail.edgeMinVPerCm)}). The local field decides coverage, not U/d (Čorović 2007).
      </p>
      <table className="ect-pairs" data-testid="ect-pairs">
        <thead>
          <tr>
            <th scope="col">Pair</th>
            <th scope="col">V</th>
            <th scope="col">Gap mm</th>
            <th scope="col" title="Voltage ÷ gap">
              U/d V/cm
            </th>
            <th scope="col" title="The pair's own field midway between its needles">
              Mid V/cm
            </th>
            <th
              scope="col"
              title="The pair's own field at the tumour edge nearest to it (5th percentile)"
            >
              Edge V/cm
            </th>
            <th scope="col" title={`Generator limit ${detail.generatorMaxCurrentA} A`}>
              A
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.pairs.map((p, q) => (
            <tr key={q} className={p.currentA > detail.generatorMaxCurrentA ? 'bad' : undefined}>
              <th scope="row">
                {p.anode}–{p.cathode}
              </th>
              <td>{p.voltageV}</td>
              <td>{p.gapMm.toFixed(1)}</td>
              <td>{f0(p.naiveVPerCm)}</td>
              <td>{f0(p.midVPerCm)}</td>
              <td>{f0(p.edgeVPerCm)}</td>
              <td>{p.currentA.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
