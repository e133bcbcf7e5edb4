import {
  MIN_REASON_CHARS,
  reviewTechniques,
  type GuidedAction,
  type GuidedCase,
  type TechniqueOption,
} from '../../cases/guided'
import { appStore, useAppStore } from '../../store/appStore'
import { refText } from './refText'

const TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  radiofrequencyAblation: 'Radiofrequency ablation',
  microwaveAblation: 'Microwave ablation',
  cryoablation: 'Cryoablation',
  thermalProtection: 'Thermal protection (thermocouple, CO₂ or hydrodissection)',
  vertebroplasty: 'Vertebroplasty',
  kyphoplasty: 'Kyphoplasty',
  cementoplasty: 'Cementoplasty',
  acetabuloplasty: 'Acetabuloplasty',
  mrgfus: 'MR-guided focused ultrasound',
  electrochemotherapy: 'Electrochemotherapy',
  embolization: 'Transarterial embolization',
  radiotherapy: 'Radiotherapy',
  surgery: 'Surgery',
}

/** Plain-words name of a technique. */
export const techniqueName = (t: string): string => TECHNIQUE_NAMES[t] ?? t

const VERDICT = { recommended: 'Recommended', acceptable: 'Acceptable', avoid: 'Avoid' } as const

function OptionFeedback({ o }: { o: TechniqueOption }) {
  return (
    <li data-verdict={o.verdict}>
      <strong>
        {techniqueName(o.technique)}: {VERDICT[o.verdict]}.
      </strong>{' '}
      {o.reason} <em>Indications:</em> {o.indications} <em>Contraindications:</em>{' '}
      {o.contraindications} <cite>({refText(o.ref)})</cite>
    </li>
  )
}

/** Choose the techniques, each with a reason; then the verdict of every option. */
export function TechniquesStep({ g }: { g: GuidedCase }) {
  const chosen = useAppStore((s) => s.guided?.techniques ?? {})
  const submitted = useAppStore((s) => s.guided?.techniquesSubmitted ?? false)
  const dispatch = (a: GuidedAction) => appStore.getState().guidedDispatch(a)
  const fb = submitted ? reviewTechniques(g.techniques, chosen) : null
  return (
    <div>
      <p>
        Choose the techniques you would use (combinations are allowed) and say why in a sentence (at
        least {MIN_REASON_CHARS} characters).
      </p>
      <ul className="guided-techniques">
        {g.techniques.map((o) => {
          const on = chosen[o.technique] !== undefined
          const id = `guided-reason-${o.technique}`
          return (
            <li key={o.technique}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`guided-technique-${o.technique}`}
                  checked={on}
                  onChange={() => dispatch({ type: 'toggleTechnique', technique: o.technique })}
                />{' '}
                {techniqueName(o.technique)}
              </label>
              {on ? (
                <textarea
                  id={id}
                  data-testid={id}
                  aria-label={`Why ${techniqueName(o.technique)}`}
                  rows={2}
                  value={chosen[o.technique] ?? ''}
                  onChange={(e) =>
                    dispatch({ type: 'setReason', technique: o.technique, reason: e.target.value })
                  }
                />
              ) : null}
            </li>
          )
        })}
      </ul>
      <button
        type="button"
        data-testid="guided-techniques-check"
        onClick={() => dispatch({ type: 'submitTechniques' })}
      >
        Check my choices
      </button>
      {fb ? (
        <div
          className="guided-feedback"
          data-testid="guided-techniques-feedback"
          data-correct={fb.allCorrect}
        >
          <p>
            {fb.allCorrect
              ? 'Your choice matches the recommended combination.'
              : [
                  fb.missed.length
                    ? `You left out: ${fb.missed.map((o) => techniqueName(o.technique)).join(', ')}.`
                    : '',
                  fb.wrong.length
                    ? `Avoid here: ${fb.wrong.map((o) => techniqueName(o.technique)).join(', ')}.`
                    : '',
                ].join(' ')}
          </p>
          <p>
            <strong>Combination:</strong> {g.combination}
          </p>
          <ul className="guided-options">
            {g.techniques.map((o) => (
              <OptionFeedback key={o.technique} o={o} />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
