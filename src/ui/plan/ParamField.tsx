/** One field of a device's parameter form, rendered from its schema-derived spec (recursive). */
import type { ReactNode } from 'react'
import type { Device } from '../../plan'
import type { EditResult } from '../../store/slices/planEdits'
import { valueAt, words, type FieldPath, type FieldSpec } from './deviceFields'
import { DraftInput } from './DraftInput'

/** Props of a parameter field. */
export interface ParamFieldProps {
  spec: FieldSpec
  device: Device
  commit: (path: FieldPath, value: unknown) => EditResult
}

type Spec<K extends FieldSpec['kind']> = Extract<FieldSpec, { kind: K }>

const testIdOf = (path: FieldPath): string => `param-${path.join('.')}`
const refusal = (r: EditResult): string[] | null => (r.ok ? null : r.errors)
const rangeText = (min: number, max: number, unit: string): string =>
  `${min}–${max}${unit ? ` ${unit}` : ''}`

function numberField(spec: Spec<'number'>, value: unknown, p: ParamFieldProps): ReactNode {
  return (
    <DraftInput
      type="number"
      label={spec.label}
      unit={spec.unit}
      value={typeof value === 'number' ? String(value) : ''}
      min={spec.min}
      max={spec.max}
      step={spec.isInt ? 1 : 'any'}
      hint={`Allowed: ${rangeText(spec.min, spec.max, spec.unit)}`}
      testId={testIdOf(spec.path)}
      onCommit={(draft) => {
        const n = Number(draft)
        if (draft.trim() === '' || !Number.isFinite(n)) return ['enter a number']
        return refusal(p.commit(spec.path, n))
      }}
    />
  )
}

function choiceField(spec: Spec<'choice'>, value: unknown, p: ParamFieldProps): ReactNode {
  return (
    <label className="field">
      <span className="field-label">{spec.label}</span>
      <select
        value={String(value)}
        data-testid={testIdOf(spec.path)}
        onChange={(e) => {
          const picked = spec.options.find((o) => String(o) === e.target.value)
          if (picked !== undefined) p.commit(spec.path, picked)
        }}
      >
        {spec.options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {typeof o === 'number' ? String(o) : words(o)}
          </option>
        ))}
      </select>
    </label>
  )
}

const nested = (fields: readonly FieldSpec[], p: ParamFieldProps): ReactNode =>
  fields.map((f) => (
    <ParamField key={f.path.join('.')} spec={f} device={p.device} commit={p.commit} />
  ))

function optionalField(spec: Spec<'optional'>, value: unknown, p: ParamFieldProps): ReactNode {
  const isOn = value !== null && value !== undefined
  return (
    <fieldset className="field-group">
      <label className="field-check">
        <input
          type="checkbox"
          checked={isOn}
          data-testid={testIdOf(spec.path)}
          onChange={(e) => p.commit(spec.path, e.target.checked ? spec.whenOn : null)}
        />
        {spec.label}
      </label>
      {isOn ? nested(spec.fields, p) : null}
    </fieldset>
  )
}

function variantField(spec: Spec<'variant'>, value: unknown, p: ParamFieldProps): ReactNode {
  const current = String(valueAt(value, ['kind']))
  const option = spec.options.find((o) => o.value === current)
  return (
    <fieldset className="field-group">
      <legend>{spec.label}</legend>
      <select
        value={current}
        aria-label={`${spec.label} type`}
        data-testid={testIdOf([...spec.path, 'kind'])}
        onChange={(e) => {
          const o = spec.options.find((x) => x.value === e.target.value)
          if (o) p.commit(spec.path, o.initial)
        }}
      >
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {words(o.value)}
          </option>
        ))}
      </select>
      {option ? nested(option.fields, p) : null}
    </fieldset>
  )
}

/** A parameter field: number, choice, text, optional part, group, variant or list summary. */
export function ParamField(props: ParamFieldProps) {
  const { spec, device } = props
  const value = valueAt(device, spec.path)
  switch (spec.kind) {
    case 'number':
      return numberField(spec, value, props)
    case 'choice':
      return choiceField(spec, value, props)
    case 'text':
      return (
        <DraftInput
          label={spec.label}
          value={typeof value === 'string' ? value : ''}
          maxLength={spec.maxLength}
          testId={testIdOf(spec.path)}
          onCommit={(draft) => refusal(props.commit(spec.path, draft))}
        />
      )
    case 'optional':
      return optionalField(spec, value, props)
    case 'group':
      return (
        <fieldset className="field-group">
          <legend>{spec.label}</legend>
          {nested(spec.fields, props)}
        </fieldset>
      )
    case 'variant':
      return variantField(spec, value, props)
    case 'list':
      return (
        <p className="field-list" data-testid={testIdOf(spec.path)}>
          {spec.label}: {Array.isArray(value) ? value.length : 0}
        </p>
      )
  }
}
