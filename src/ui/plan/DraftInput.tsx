/**
 * A text or number input that keeps what the user types as a draft and commits it on Enter or blur.
 * A refused value stays in the box with the reason under it; Escape reverts to the stored value.
 */
import { useId, useState } from 'react'

/** Props of a draft input. */
export interface DraftInputProps {
  /** The stored value, shown when there is no draft. */
  value: string
  /** Commits a draft; returns the reasons it was refused, or null when accepted. */
  onCommit: (draft: string) => string[] | null
  label: string
  testId: string
  type?: 'text' | 'number'
  min?: number
  max?: number
  step?: number | 'any'
  maxLength?: number
  unit?: string
  /** Extra help shown as a tooltip, e.g. the allowed range. */
  hint?: string
}

/** An input that commits on Enter or blur and shows why a value was refused. */
export function DraftInput(props: DraftInputProps) {
  const { value, onCommit, label, testId, type = 'text', unit, hint } = props
  const [draft, setDraft] = useState<string | null>(null)
  const [errors, setErrors] = useState<string[] | null>(null)
  const errorId = useId()
  const commit = () => {
    if (draft === null || draft === value) {
      setDraft(null)
      setErrors(null)
      return
    }
    const refused = onCommit(draft)
    setErrors(refused)
    if (!refused) setDraft(null)
  }
  return (
    <label className="field" title={hint}>
      <span className="field-label">{label}</span>
      <span className="field-input">
        <input
          type={type}
          value={draft ?? value}
          min={props.min}
          max={props.max}
          step={props.step}
          maxLength={props.maxLength}
          data-testid={testId}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? errorId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit()
            if (e.key === 'Escape') {
              setDraft(null)
              setErrors(null)
            }
          }}
        />
        {unit ? <span className="field-unit">{unit}</span> : null}
      </span>
      {errors ? (
        <span className="field-error" id={errorId} data-testid={`${testId}-error`}>
          {errors.join('; ')}
        </span>
      ) : null}
    </label>
  )
}
