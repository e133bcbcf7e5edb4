/**
 * The parameter form of a device, read from its zod schema: numbers with their range, integer-ness and
 * unit, choices (enums and literal unions), text, optional parts (nullable objects), nested groups and
 * variants (discriminated unions). Lists (probes, electrodes, sonications) are summarised, not edited.
 */
import { z } from 'zod'
import { DeviceSchema, type DeviceKind } from '../../plan'

/** A path into a device, e.g. ['protocol', 'thawMin']. */
export type FieldPath = readonly (string | number)[]

/** One field of the form. */
export type FieldSpec =
  | {
      kind: 'number'
      path: FieldPath
      label: string
      unit: string
      min: number
      max: number
      isInt: boolean
    }
  | { kind: 'choice'; path: FieldPath; label: string; options: readonly (string | number)[] }
  | { kind: 'text'; path: FieldPath; label: string; maxLength: number }
  | { kind: 'optional'; path: FieldPath; label: string; whenOn: unknown; fields: FieldSpec[] }
  | { kind: 'group'; path: FieldPath; label: string; fields: FieldSpec[] }
  | {
      kind: 'variant'
      path: FieldPath
      label: string
      /** Each option's discriminator value, fields and starting value when chosen. */
      options: readonly { value: string; fields: FieldSpec[]; initial: unknown }[]
    }
  | { kind: 'list'; path: FieldPath; label: string }

/** Fields placed elsewhere in the panel (identity and the two points). */
const SKIPPED = new Set(['kind', 'id', 'entryMm', 'tipMm'])

const LABELS: Readonly<Record<string, string>> = {
  activeTipMm: 'Active tip',
  targetTipTempC: 'Tip temperature',
  antennaType: 'Antenna',
  viscosity: 'Cement viscosity',
  rateMlPerMin: 'Injection rate',
  startAfterMixingS: 'Start after mixing',
  balloon: 'Kyphoplasty balloon',
  inflationVolumeMl: 'Balloon volume',
  freeze1Min: 'Freeze 1',
  thawMin: 'Thaw',
  freeze2Min: 'Freeze 2',
  radiusOfCurvatureMm: 'Radius of curvature',
  widthUs: 'Pulse width',
  bleomycinToPulsesMin: 'Bleomycin to pulses',
  vesselId: 'Vessel id',
  tipAlongVessel: 'Tip along vessel (0–1)',
  sizeMinUm: 'Smallest particle',
  sizeMaxUm: 'Largest particle',
  nbcaPercent: 'NBCA share',
  diameterMm: 'Coil diameter',
  sequence: 'Pulse sequence',
}

/** Units read from the field-name suffix (STYLE.md 3.3: every scalar name carries its unit). */
const UNIT_SUFFIXES: readonly [RegExp, string][] = [
  [/MlPerMin$/, 'mL/min'],
  [/MHz$/, 'MHz'],
  [/Hz$/, 'Hz'],
  [/Mm$/, 'mm'],
  [/Ml$/, 'mL'],
  [/Min$/, 'min'],
  [/Um$/, 'µm'],
  [/Us$/, 'µs'],
  [/Percent$/, '%'],
  [/[a-z]C$/, '°C'],
  [/[a-z]W$/, 'W'],
  [/[a-z]S$/, 's'],
  [/^gauge$/, 'G'],
]

/** Words for a camelCase key or value: 'cooledMonopolar' → 'cooled monopolar'. */
export const words = (key: string): string =>
  key
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .toLowerCase()

/** Display label of a field. */
export function labelOf(key: string): string {
  const known = LABELS[key]
  if (known) return known
  const w = words(key.replace(/(MlPerMin|MHz|Hz|Mm|Ml|Min|Um|Us|Percent|C|W|S)$/, ''))
  return w.charAt(0).toUpperCase() + w.slice(1)
}

/** Unit of a field from its name, or ''. */
export const unitOf = (key: string): string => UNIT_SUFFIXES.find(([re]) => re.test(key))?.[1] ?? ''

/** Starting values of optional parts and agent variants ([U]: teaching defaults, editable). */
const INITIAL: Readonly<Record<string, unknown>> = {
  balloon: { inflationVolumeMl: 3 },
  particles: { kind: 'particles', sizeMinUm: 300, sizeMaxUm: 500 },
  // 33 % NBCA in ethiodized oil (FACTS.md §5.1, Rossi 2011).
  glue: { kind: 'glue', nbcaPercent: 33 },
  coils: { kind: 'coils', count: 4, diameterMm: 5 },
  gelfoam: { kind: 'gelfoam', form: 'slurry' },
}

function objectFields(shape: Record<string, z.ZodType>, base: FieldPath): FieldSpec[] {
  return Object.entries(shape)
    .filter(([key]) => !(base.length === 0 && SKIPPED.has(key)))
    .map(([key, schema]) => fieldOf(key, schema, [...base, key]))
    .filter((f): f is FieldSpec => f !== null)
}

function fieldOf(key: string, schema: z.ZodType, path: FieldPath): FieldSpec | null {
  const label = labelOf(key)
  if (schema instanceof z.ZodNumber) {
    return {
      kind: 'number',
      path,
      label,
      unit: unitOf(key),
      min: schema.minValue ?? -Infinity,
      max: schema.maxValue ?? Infinity,
      isInt: schema.isInt,
    }
  }
  if (schema instanceof z.ZodEnum) return { kind: 'choice', path, label, options: schema.options }
  if (schema instanceof z.ZodString) {
    return { kind: 'text', path, label, maxLength: schema.maxLength ?? 200 }
  }
  if (schema instanceof z.ZodNullable) {
    const inner = schema.unwrap()
    if (inner instanceof z.ZodObject) {
      const fields = objectFields(inner.shape, path)
      return { kind: 'optional', path, label, whenOn: INITIAL[key] ?? {}, fields }
    }
    return null
  }
  if (schema instanceof z.ZodObject) {
    return { kind: 'group', path, label, fields: objectFields(schema.shape, path) }
  }
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = (schema.options as z.ZodObject[]).map((o) => {
      const kindSchema: unknown = o.shape.kind
      const value = kindSchema instanceof z.ZodLiteral ? String(kindSchema.value) : '?'
      const rest = Object.fromEntries(Object.entries(o.shape).filter(([k]) => k !== 'kind'))
      return { value, fields: objectFields(rest, path), initial: INITIAL[value] ?? { kind: value } }
    })
    return { kind: 'variant', path, label, options }
  }
  if (schema instanceof z.ZodUnion) {
    const values = (schema.options as z.ZodType[]).map((o) =>
      o instanceof z.ZodLiteral ? (o.value as string | number) : null,
    )
    if (values.every((v) => v !== null)) return { kind: 'choice', path, label, options: values }
    return null
  }
  if (schema instanceof z.ZodArray) return { kind: 'list', path, label }
  return null
}

const cache = new Map<DeviceKind, FieldSpec[]>()

/** The form fields of a device kind (cached: schemas do not change). */
export function deviceFields(kind: DeviceKind): FieldSpec[] {
  const hit = cache.get(kind)
  if (hit) return hit
  const schema = DeviceSchema.options.find((o) => o.shape.kind.value === kind)
  const fields = schema ? objectFields(schema.shape, []) : []
  cache.set(kind, fields)
  return fields
}

/** Reads the value at a path of a device (or any plain object). */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let v: unknown = root
  for (const p of path) {
    v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[p] : undefined
  }
  return v
}
