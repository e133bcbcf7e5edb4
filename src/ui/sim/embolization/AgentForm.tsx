import type { DeviceOf } from '../../../plan'
import { appStore } from '../../../store/appStore'

type Catheter = DeviceOf<'embolizationCatheter'>
type Agent = Catheter['agent']

/** Agent presets (FACTS.md §5.1): PVA sizes, NBCA dilutions, gelatin sponge, coils. */
const PRESETS: readonly { id: string; label: string; agent: Agent }[] = [
  {
    id: 'pva150-300',
    label: 'PVA 150–300 µm',
    agent: { kind: 'particles', sizeMinUm: 150, sizeMaxUm: 300 },
  },
  {
    id: 'pva300-500',
    label: 'PVA 300–500 µm',
    agent: { kind: 'particles', sizeMinUm: 300, sizeMaxUm: 500 },
  },
  {
    id: 'pva500-700',
    label: 'PVA 500–700 µm',
    agent: { kind: 'particles', sizeMinUm: 500, sizeMaxUm: 700 },
  },
  {
    id: 'glue33',
    label: 'NBCA 33 % (1:2 ethiodized oil)',
    agent: { kind: 'glue', nbcaPercent: 33 },
  },
  { id: 'glue20', label: 'NBCA 20 % (1:4)', agent: { kind: 'glue', nbcaPercent: 20 } },
  {
    id: 'gelfoam-slurry',
    label: 'Gelatin sponge slurry',
    agent: { kind: 'gelfoam', form: 'slurry' },
  },
  {
    id: 'gelfoam-pledgets',
    label: 'Gelatin sponge pledgets',
    agent: { kind: 'gelfoam', form: 'pledgets' },
  },
  { id: 'coils', label: 'Coils (2 × 3 mm)', agent: { kind: 'coils', count: 2, diameterMm: 3 } },
]

const presetOf = (a: Agent): string =>
  PRESETS.find((p) => JSON.stringify(p.agent) === JSON.stringify(a))?.id ?? 'custom'

/** Agent and volume of the catheter (plan edits, undoable). */
export function AgentForm({ device }: { device: Catheter }) {
  const s = appStore.getState()
  const preset = presetOf(device.agent)
  return (
    <fieldset className="embo-agent">
      <legend>Agent</legend>
      <label className="inline">
        Agent
        <select
          data-testid="embo-agent"
          value={preset}
          onChange={(e) => {
            const p = PRESETS.find((x) => x.id === e.target.value)
            if (p) s.setParam(device.id, ['agent'], p.agent)
          }}
        >
          {preset === 'custom' ? <option value="custom">(as in the plan)</option> : null}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        Volume
        <input
          type="number"
          data-testid="embo-volume"
          min={0.1}
          max={50}
          step={0.1}
          value={device.volumeMl}
          disabled={device.agent.kind === 'coils'}
          onChange={(e) => {
            const v = Number(e.target.value)
            if (Number.isFinite(v) && v > 0 && v <= 50) s.setParam(device.id, ['volumeMl'], v)
          }}
        />
        mL
      </label>
    </fieldset>
  )
}
