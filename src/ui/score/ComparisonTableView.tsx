import type { ComparisonTable } from '../../plan'

const fmt = (v: number | null, unit: string) =>
  v === null ? '—' : `${Math.round(v * 10) / 10}${unit ? ` ${unit}` : ''}`

/** Your plan beside the expert plan, row by row, the better value marked. */
export function ComparisonTableView({ table }: { table: ComparisonTable }) {
  return (
    <table className="comparison" data-testid="comparison-table">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{table.columns[0]}</th>
          <th scope="col">{table.columns[1]}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows
          .filter((r) => r.a !== null || r.b !== null)
          .map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className={r.better === 'a' ? 'better' : ''}>{fmt(r.a, r.unit)}</td>
              <td className={r.better === 'b' ? 'better' : ''}>{fmt(r.b, r.unit)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  )
}
