/** Per-sonication results of a HIFU run: energy, steering, peak pressure and temperature, and the total. */
import type { HifuDetail } from '../../../cases/simulate/hifu/hifuTypes'

/** The energy table (`hifu-energy-table`, total in `hifu-energy-total`). */
export function HifuEnergyTable({ detail }: { detail: HifuDetail }) {
  return (
    <table className="sim-metrics hifu-energy" data-testid="hifu-energy-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Power</th>
          <th scope="col">Time</th>
          <th scope="col">Energy</th>
          <th scope="col">Focus</th>
          <th scope="col">Peak p</th>
          <th scope="col">Peak T</th>
        </tr>
      </thead>
      <tbody>
        {detail.sonications.map((s, n) => (
          <tr key={n} data-testid={`hifu-energy-${n}`}>
            <td>{n + 1}</td>
            <td>{s.acousticPowerW} W</td>
            <td>
              {s.durationS} s (+{s.coolingS} s)
            </td>
            <td>{s.energyJ.toFixed(0)} J</td>
            <td title={`steering efficiency ${(100 * s.steeringEfficiency).toFixed(0)} %`}>
              {s.mode}
            </td>
            <td>{s.peakPressureMPa.toFixed(1)} MPa</td>
            <td>{s.peakTempC.toFixed(0)} °C</td>
          </tr>
        ))}
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td data-testid="hifu-energy-total" colSpan={4}>
            {detail.totalEnergyJ.toFixed(0)} J
          </td>
        </tr>
      </tbody>
    </table>
  )
}
