import { useState } from 'react'
import { checkFind, type GuidedCase } from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'
import { getVolume } from '../../store/volumeRegistry'

/**
 * Find the lesion and the critical structures: the trainee puts the crosshair on a structure (click in any
 * 2D view) and presses "This is the …"; the label at the crosshair decides.
 */
export function FindStep({ g }: { g: GuidedCase }) {
  const found = useAppStore((s) => s.guided?.found ?? [])
  const volumeId = useAppStore((s) => s.volumeId)
  const crosshair = useAppStore((s) => s.crosshairMm)
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null)
  const check = (key: string) => {
    const target = g.find.find((t) => t.key === key)
    const v = getVolume(volumeId)
    if (!target) return
    if (!v?.labels) {
      setFeedback({
        ok: false,
        text: 'This scan has no structure labels, so clicks cannot be checked.',
      })
      return
    }
    // Read at click time: the crosshair may have moved since the last render.
    const r = checkFind(v, target, appStore.getState().crosshairMm)
    appStore.getState().guidedDispatch({
      type: 'find',
      attempt: { key, found: r.found, clickedName: r.clickedName },
    })
    setFeedback({ ok: r.found, text: r.found ? `${r.message} ${target.why}` : r.message })
  }
  return (
    <div>
      <p>
        Click a structure in the axial, sagittal or coronal view to put the crosshair on it, then
        say what it is. Crosshair at{' '}
        <span className="mono">{crosshair.map((c) => c.toFixed(1)).join(', ')}</span> mm (LPS).
      </p>
      <ul className="guided-find-list">
        {g.find.map((t) => {
          const ok = found.includes(t.key)
          return (
            <li key={t.key} data-found={ok}>
              <button
                type="button"
                data-testid={`guided-find-${t.key}`}
                onClick={() => check(t.key)}
              >
                This is the {t.name}
              </button>{' '}
              <span className={ok ? 'ok' : 'muted'}>{ok ? '✓ found' : 'not found yet'}</span>
            </li>
          )
        })}
      </ul>
      <p
        className={feedback ? (feedback.ok ? 'ok' : 'warn') : 'muted'}
        data-testid="guided-find-message"
        role="status"
        aria-live="polite"
      >
        {feedback?.text ?? ''}
      </p>
    </div>
  )
}
