/** The transducer's acoustic parameters, edited in the plan (each commit is one undo step). */
import type { DeviceOf } from '../../../plan'
import { appStore } from '../../../store/appStore'
import { DraftInput } from '../../plan/DraftInput'

/** Clinical bone systems run at 0.5–1.5 MHz (FACTS §3.2); the panel keeps the frequency there. */
export const FREQUENCY_RANGE_MHZ = [0.5, 1.5] as const

/** Frequency, aperture and radius of curvature (`hifu-frequency`, `hifu-aperture`, `hifu-radius`). */
export function HifuTransducerFields({ device }: { device: DeviceOf<'hifuTransducer'> }) {
  const commit = (key: 'frequencyMHz' | 'apertureMm' | 'radiusOfCurvatureMm', draft: string) => {
    const n = Number(draft)
    if (draft.trim() === '' || !Number.isFinite(n)) return ['enter a number']
    if (key === 'frequencyMHz' && (n < FREQUENCY_RANGE_MHZ[0] || n > FREQUENCY_RANGE_MHZ[1])) {
      return [`bone systems run at ${FREQUENCY_RANGE_MHZ[0]}–${FREQUENCY_RANGE_MHZ[1]} MHz`]
    }
    const r = appStore.getState().setParam(device.id, [key], n)
    return r.ok ? null : r.errors
  }
  return (
    <fieldset className="field-group" data-testid="hifu-transducer">
      <legend>Transducer</legend>
      <DraftInput
        type="number"
        label="Frequency"
        unit="MHz"
        value={String(device.frequencyMHz)}
        min={FREQUENCY_RANGE_MHZ[0]}
        max={FREQUENCY_RANGE_MHZ[1]}
        step={0.05}
        testId="hifu-frequency"
        hint="0.5–1.5 MHz for bone (FACTS §3.2); higher focuses tighter but attenuates more"
        onCommit={(d) => commit('frequencyMHz', d)}
      />
      <DraftInput
        type="number"
        label="Aperture"
        unit="mm"
        value={String(device.apertureMm)}
        min={20}
        max={300}
        step={1}
        testId="hifu-aperture"
        hint="At most twice the radius of curvature"
        onCommit={(d) => commit('apertureMm', d)}
      />
      <DraftInput
        type="number"
        label="Radius of curvature"
        unit="mm"
        value={String(device.radiusOfCurvatureMm)}
        min={20}
        max={300}
        step={1}
        testId="hifu-radius"
        hint="Focal length of the bowl; the focus must lie closer to the window than this"
        onCommit={(d) => commit('radiusOfCurvatureMm', d)}
      />
      <p className="hint" data-testid="hifu-fnumber">
        F-number {(device.radiusOfCurvatureMm / device.apertureMm).toFixed(2)} · λ{' '}
        {(1.482 / device.frequencyMHz).toFixed(2)} mm in water · focal spot ≈{' '}
        {(
          (1.2 * 1.482 * device.radiusOfCurvatureMm) /
          device.apertureMm /
          device.frequencyMHz
        ).toFixed(1)}{' '}
        ×{' '}
        {(
          (7 * 1.482 * (device.radiusOfCurvatureMm / device.apertureMm) ** 2) /
          device.frequencyMHz
        ).toFixed(1)}{' '}
        mm (FACTS §3.5)
      </p>
    </fieldset>
  )
}
