/** Needle length, depth from the skin and the craniocaudal / mediolateral angles of one needle path. */
import type { TrajectoryReport } from '../../plan'
import { craniocaudalText, mediolateralText, mmText } from './formatPoint'

/** The numbers a trainee reads off before inserting a needle. */
export function TrajectoryReadout({ report }: { report: TrajectoryReport }) {
  return (
    <dl className="readout" data-testid="trajectory-readout">
      <dt>Needle length</dt>
      <dd data-testid="readout-length">{mmText(report.needleLengthMm)}</dd>
      <dt>Depth from skin</dt>
      <dd data-testid="readout-depth">
        {report.skinDepthMm === null ? 'no skin crossing' : mmText(report.skinDepthMm)}
      </dd>
      <dt>Craniocaudal</dt>
      <dd data-testid="readout-cc">{craniocaudalText(report.angles)}</dd>
      <dt>Mediolateral</dt>
      <dd data-testid="readout-ml">{mediolateralText(report.angles)}</dd>
    </dl>
  )
}
