import type { HifuDetail } from '../../../cases/simulate/hifu/hifuTypes'
import type { ProcedurePanelProps } from '../procedurePanelProps'
import { HifuEnergyTable } from './HifuEnergyTable'
import { HifuSonications } from './HifuSonications'
import { HifuTransducerFields } from './HifuTransducerFields'

const isHifuDetail = (d: unknown): d is HifuDetail =>
  typeof d === 'object' && d !== null && 'sonications' in d && 'crossesGas' in d

/**
 * The MRgFUS / HIFU controls and results: transducer parameters, the sonication list, the beam path
 * (what the cone crosses, incidence at bone) and the energy table (`data-testid="hifu-panel"`).
 */
export function HifuPanel({ device, result }: ProcedurePanelProps) {
  if (device.kind !== 'hifuTransducer') return null
  const detail = result && isHifuDetail(result.detail) ? result.detail : null
  return (
    <div className="hifu-panel" data-testid="hifu-panel">
      <HifuTransducerFields device={device} />
      <HifuSonications device={device} />
      {detail ? (
        <>
          <p
            className={detail.crossesGas ? 'sim-verdict bad' : 'hint'}
            data-testid="hifu-beam-path"
            data-crosses-gas={detail.crossesGas}
          >
            {detail.crossesGas ? 'The beam crosses gas. ' : 'Beam path clear of gas. '}
            Crosses:{' '}
            {detail.crossings
              .map((c) => `${c.name.toLowerCase()} ${(100 * c.coneFraction).toFixed(0)} %`)
              .join(', ') || 'nothing'}
            {detail.incidenceDeg !== null
              ? ` · incidence at bone ${detail.incidenceDeg.toFixed(0)}° (critical ${detail.criticalAngleDeg?.toFixed(0) ?? '–'}°)`
              : ''}
          </p>
          <HifuEnergyTable detail={detail} />
          <p className="hint" data-testid="hifu-field-ms" data-ms={detail.field.meanMs.toFixed(0)}>
            Field: {detail.field.method}, {detail.field.dims.join('×')} at {detail.field.spacingMm}{' '}
            mm, {detail.field.elements} elements, {detail.field.meanMs.toFixed(0)} ms per sonication
            · sonications from {detail.sonicationSource}
          </p>
        </>
      ) : null}
    </div>
  )
}
