/**
 * Zod schemas of the devices a plan can hold: a discriminated union on `kind`. Every device has `id`,
 * `label`, `entryMm` and `tipMm` (DICOM LPS millimetres); every parameter carries its unit in its name.
 * Limits are generous teaching bounds that reject absurd values, not clinical limits; sources are cited
 * per field (FACTS.md sections). Multi-needle devices (cryoprobe set, ECT electrode set) use
 * `entryMm`/`tipMm` as the set's reference axis (the handle that moves the whole set) and give each needle
 * its own entry and tip.
 */
import { z } from 'zod'
import { GAUGE_RANGE } from './needleGauge'
import { boundedInt, boundedNumber, idString, pointMm, safeText } from './schemaPrimitives'

/** Longest straight needle path accepted, mm (longest bone-biopsy / ablation needles are ~250 mm). */
export const MAX_NEEDLE_PATH_MM = 300
/** Shortest straight needle path accepted, mm (entry and tip must be distinct points). */
export const MIN_NEEDLE_PATH_MM = 1

const pathLength = (a: readonly number[], b: readonly number[]): number =>
  Math.hypot((b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0), (b[2] ?? 0) - (a[2] ?? 0))

/** Adds an issue when entry→tip is not a plausible straight needle path. */
function checkNeedlePath(
  ctx: { addIssue: (i: { code: 'custom'; message: string; path: PropertyKey[] }) => void },
  entry: readonly number[],
  tip: readonly number[],
  path: PropertyKey[],
): void {
  const len = pathLength(entry, tip)
  if (len < MIN_NEEDLE_PATH_MM || len > MAX_NEEDLE_PATH_MM) {
    ctx.addIssue({
      code: 'custom',
      message: `must be between ${MIN_NEEDLE_PATH_MM} and ${MAX_NEEDLE_PATH_MM} mm from the entry point (got ${len.toFixed(1)} mm)`,
      path,
    })
  }
}

/** Fields shared by every device. */
const deviceBase = {
  id: idString,
  label: safeText(60, { minLength: 1 }),
  entryMm: pointMm,
  tipMm: pointMm,
}

const gauge = (min: number = GAUGE_RANGE.min, max: number = GAUGE_RANGE.max): z.ZodNumber =>
  boundedInt(min, max, 'G')

/** Bipolar bone RF probes come with 7, 10 or 20 mm active tips (FACTS.md §1.4, [U]). */
export const BIPOLAR_TIP_LENGTHS_MM = [7, 10, 20] as const

/** Radiofrequency probe: internally cooled monopolar electrode or bipolar bone probe. */
export const RfProbeSchema = z
  .strictObject({
    kind: z.literal('rfProbe'),
    ...deviceBase,
    variant: z.enum(['cooledMonopolar', 'bipolarBone']),
    gauge: gauge(10, 22),
    /** Exposed (active) tip length; cool-tip electrodes expose 10–30 mm (FACTS.md §1.4). */
    activeTipMm: boundedNumber(5, 40, 'mm'),
    /** Generator power; RF generators deliver up to ~200 W (FACTS.md §1.4, PMC8204285). */
    powerW: boundedNumber(1, 250, 'W'),
    durationS: boundedNumber(10, 3600, 's'),
    /** Tip temperature set-point: ~70 °C for bipolar bone probes [U]; cooled tips run 10–25 °C. */
    targetTipTempC: boundedNumber(10, 110, '°C'),
  })
  .superRefine((d, ctx) => {
    checkNeedlePath(ctx, d.entryMm, d.tipMm, ['tipMm'])
    if (
      d.variant === 'bipolarBone' &&
      !(BIPOLAR_TIP_LENGTHS_MM as readonly number[]).includes(d.activeTipMm)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `must be 7, 10 or 20 mm for a bipolar bone probe (got ${d.activeTipMm})`,
        path: ['activeTipMm'],
      })
    }
  })

/** Microwave antenna. 915 MHz and 2.45 GHz are the two clinical bands (FACTS.md §1.4). */
export const MwAntennaSchema = z
  .strictObject({
    kind: z.literal('mwAntenna'),
    ...deviceBase,
    gauge: gauge(11, 17),
    /** Up to 140 W is used in animal studies (FACTS.md §1.4, PMC8204285); 200 W is the hard bound. */
    powerW: boundedNumber(1, 200, 'W'),
    /** Bone MWA used 30 s–13 min in total (FACTS.md §1.4, Kastler 2013). */
    durationS: boundedNumber(10, 1800, 's'),
    frequencyMHz: z.union([z.literal(915), z.literal(2450)], {
      error: 'must be 915 or 2450 (MHz)',
    }),
    /** Antenna design; shape sets the zone aspect ratio (FACTS.md §1.4, PMC3721053). */
    antennaType: z.enum(['monopole', 'dipole', 'dualSlot', 'triaxial']),
  })
  .superRefine((d, ctx) => checkNeedlePath(ctx, d.entryMm, d.tipMm, ['tipMm']))

/** One needle of a multi-needle device. */
const needle = {
  id: idString,
  entryMm: pointMm,
  tipMm: pointMm,
}

/** Cryoprobe set: one or more probes with a freeze–thaw–freeze protocol (FACTS.md §1.4). */
export const CryoprobeSetSchema = z
  .strictObject({
    kind: z.literal('cryoprobeSet'),
    ...deviceBase,
    probes: z
      .array(z.strictObject({ ...needle, gauge: gauge(10, 17) }))
      .min(1, { error: 'must list at least one probe' })
      .max(25, { error: 'must list at most 25 probes' }),
    /** Freeze 10 – thaw 5 – freeze 10 min is the usual protocol (FACTS.md §1.4, Open Biomed Eng J 2016). */
    protocol: z.strictObject({
      freeze1Min: boundedNumber(1, 30, 'min'),
      thawMin: boundedNumber(0, 20, 'min'),
      freeze2Min: boundedNumber(0, 30, 'min'),
      thawMode: z.enum(['passive', 'active']),
    }),
  })
  .superRefine((d, ctx) => {
    checkNeedlePath(ctx, d.entryMm, d.tipMm, ['tipMm'])
    d.probes.forEach((p, i) => checkNeedlePath(ctx, p.entryMm, p.tipMm, ['probes', i, 'tipMm']))
    checkUniqueIds(ctx, d.probes, 'probes')
  })

/** Bone-cement trocar for vertebro-/kypho-/osteoplasty (FACTS.md §2). */
export const CementTrocarSchema = z
  .strictObject({
    kind: z.literal('cementTrocar'),
    ...deviceBase,
    /** 10–12 G trocars are standard (FACTS.md §2.1, NICE IPG179); 13 G for small pedicles. */
    gauge: gauge(10, 13),
    approach: z.enum(['transpedicular', 'parapedicular', 'extrapedicular']),
    viscosity: z.enum(['low', 'medium', 'high']),
    /** Pelvic lesions took 10.3 mL on average (FACTS.md §2.1); 30 mL is the hard bound. */
    volumeMl: boundedNumber(0.1, 30, 'mL'),
    /** Bench injections run at ~3 mL/min (FACTS.md §2.4). */
    rateMlPerMin: boundedNumber(0.1, 10, 'mL/min'),
    /** Delay from mixing to start; medium-viscosity PMMA hardens in ~11 min (FACTS.md §2.3). */
    startAfterMixingS: boundedNumber(0, 1800, 's'),
    /** Kyphoplasty balloon, or null for plain vertebroplasty. */
    balloon: z.nullable(z.strictObject({ inflationVolumeMl: boundedNumber(0.5, 6, 'mL') })),
  })
  .superRefine((d, ctx) => checkNeedlePath(ctx, d.entryMm, d.tipMm, ['tipMm']))

/**
 * Focused-ultrasound transducer. `tipMm` is the geometric focus and `entryMm` the centre of the acoustic
 * window on the skin; the beam axis runs from entry to tip (see `hifuGeometry`), so the focus must lie
 * closer to the window than the radius of curvature.
 */
export const HifuTransducerSchema = z
  .strictObject({
    kind: z.literal('hifuTransducer'),
    ...deviceBase,
    /** 0.67–1 MHz clinical devices (FACTS.md §3.2). */
    frequencyMHz: boundedNumber(0.2, 3, 'MHz'),
    /** Reference design 154 mm aperture, 130 mm radius (FACTS.md §3.5, PMC3166338); Exablate 3000 300 mm. */
    apertureMm: boundedNumber(20, 300, 'mm'),
    radiusOfCurvatureMm: boundedNumber(20, 300, 'mm'),
    sonications: z
      .array(
        z.strictObject({
          /** Focus steering offset from `tipMm`, LPS mm. */
          offsetMm: z.tuple([
            boundedNumber(-50, 50, 'mm'),
            boundedNumber(-50, 50, 'mm'),
            boundedNumber(-50, 50, 'mm'),
          ]),
          /** 32–96 W acoustic in BM004 (FACTS.md §3.2). */
          acousticPowerW: boundedNumber(1, 500, 'W'),
          /** 20–30 s per sonication (FACTS.md §3.2). */
          durationS: boundedNumber(1, 120, 's'),
          coolingS: boundedNumber(0, 600, 's'),
        }),
      )
      .min(1, { error: 'must list at least one sonication' })
      .max(200, { error: 'must list at most 200 sonications' }),
  })
  .superRefine((d, ctx) => {
    if (d.apertureMm > 2 * d.radiusOfCurvatureMm) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most twice the radius of curvature (${2 * d.radiusOfCurvatureMm} mm) for a spherical bowl`,
        path: ['apertureMm'],
      })
    }
    const depth = pathLength(d.entryMm, d.tipMm)
    if (depth < MIN_NEEDLE_PATH_MM || depth >= d.radiusOfCurvatureMm) {
      ctx.addIssue({
        code: 'custom',
        message: `must lie between ${MIN_NEEDLE_PATH_MM} mm and the radius of curvature (${d.radiusOfCurvatureMm} mm) beyond the acoustic window (got ${depth.toFixed(1)} mm)`,
        path: ['tipMm'],
      })
    }
  })

/** Electrochemotherapy electrode set (FACTS.md §4). */
export const EctElectrodeSetSchema = z
  .strictObject({
    kind: z.literal('ectElectrodeSet'),
    ...deviceBase,
    gauge: gauge(14, 22),
    template: z.enum(['hexagonal', 'linear', 'custom']),
    electrodes: z
      .array(z.strictObject({ ...needle, activeLengthMm: boundedNumber(5, 40, 'mm') }))
      .min(2, { error: 'must list at least two electrodes' })
      .max(12, { error: 'must list at most 12 electrodes' }),
    /** ESOPE: 8 × 100 µs at 1 Hz or 5 kHz (FACTS.md §4.1, [U]). */
    pulses: z.strictObject({
      count: boundedInt(1, 100),
      widthUs: boundedNumber(10, 1000, 'µs'),
      frequencyHz: boundedNumber(0.1, 5000, 'Hz'),
    }),
    /** Activation sequence: electrode pairs by index with the voltage across each (IRE uses up to ~1900 V). */
    sequence: z
      .array(
        z.strictObject({
          anode: boundedInt(0, 11),
          cathode: boundedInt(0, 11),
          voltageV: boundedNumber(50, 3000, 'V'),
        }),
      )
      .min(1, { error: 'must list at least one electrode pair' })
      .max(66, { error: 'must list at most 66 pairs' }),
    /** Minutes from the bleomycin bolus to the pulses; the window is 8–28 min (FACTS.md §4.1, [U]). */
    bleomycinToPulsesMin: boundedNumber(0, 60, 'min'),
  })
  .superRefine((d, ctx) => {
    checkNeedlePath(ctx, d.entryMm, d.tipMm, ['tipMm'])
    d.electrodes.forEach((e, i) =>
      checkNeedlePath(ctx, e.entryMm, e.tipMm, ['electrodes', i, 'tipMm']),
    )
    checkUniqueIds(ctx, d.electrodes, 'electrodes')
    d.sequence.forEach((p, i) => {
      for (const end of ['anode', 'cathode'] as const) {
        if (p[end] >= d.electrodes.length) {
          ctx.addIssue({
            code: 'custom',
            message: `must be an electrode index from 0 to ${d.electrodes.length - 1} (got ${p[end]})`,
            path: ['sequence', i, end],
          })
        }
      }
      if (p.anode === p.cathode) {
        ctx.addIssue({
          code: 'custom',
          message: 'must differ from the anode',
          path: ['sequence', i, 'cathode'],
        })
      }
    })
  })

/** Embolic agents (FACTS.md §5.1). */
export const EmbolicAgentSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('particles'),
      /** PVA 150–500 µm; microspheres 100–900 µm [U] (FACTS.md §5.1). */
      sizeMinUm: boundedNumber(40, 2000, 'µm'),
      sizeMaxUm: boundedNumber(40, 2000, 'µm'),
    })
    .refine((a) => a.sizeMinUm <= a.sizeMaxUm, {
      error: 'must be at least sizeMinUm',
      path: ['sizeMaxUm'],
    }),
  /** NBCA glue diluted in ethiodized oil; Rizzoli used 33 % NBCA (FACTS.md §5.1, Rossi 2011). */
  z.strictObject({ kind: z.literal('glue'), nbcaPercent: boundedNumber(10, 100, '%') }),
  z.strictObject({
    kind: z.literal('coils'),
    count: boundedInt(1, 40),
    diameterMm: boundedNumber(1, 20, 'mm'),
  }),
  z.strictObject({ kind: z.literal('gelfoam'), form: z.enum(['slurry', 'pledgets']) }),
])

/**
 * Embolization catheter. `vesselId` names a branch of the case's vessel graph and `tipAlongVessel` the
 * catheter tip position along it (0 = branch origin, 1 = distal end). `entryMm` is the arterial access
 * point and `tipMm` the resolved tip position in LPS; the path between them follows vessels, not a line.
 */
export const EmbolizationCatheterSchema = z.strictObject({
  kind: z.literal('embolizationCatheter'),
  ...deviceBase,
  vesselId: idString,
  tipAlongVessel: boundedNumber(0, 1),
  agent: EmbolicAgentSchema,
  volumeMl: boundedNumber(0, 50, 'mL'),
})

function checkUniqueIds(
  ctx: { addIssue: (i: { code: 'custom'; message: string; path: PropertyKey[] }) => void },
  items: readonly { id: string }[],
  field: string,
): void {
  const seen = new Set<string>()
  items.forEach((it, i) => {
    if (seen.has(it.id)) {
      ctx.addIssue({
        code: 'custom',
        message: `repeats the id "${it.id}"; ids must be unique`,
        path: [field, i, 'id'],
      })
    }
    seen.add(it.id)
  })
}

/** Any device, discriminated on `kind`. */
export const DeviceSchema = z.discriminatedUnion('kind', [
  RfProbeSchema,
  MwAntennaSchema,
  CryoprobeSetSchema,
  CementTrocarSchema,
  HifuTransducerSchema,
  EctElectrodeSetSchema,
  EmbolizationCatheterSchema,
])

/** A device in a plan. */
export type Device = z.infer<typeof DeviceSchema>
/** The device kinds. */
export type DeviceKind = Device['kind']
/** The device of one kind. */
export type DeviceOf<K extends DeviceKind> = Extract<Device, { kind: K }>
/** Every device kind, in display order. */
export const DEVICE_KINDS = [
  'rfProbe',
  'mwAntenna',
  'cryoprobeSet',
  'cementTrocar',
  'hifuTransducer',
  'ectElectrodeSet',
  'embolizationCatheter',
] as const satisfies readonly DeviceKind[]
/** Kinds whose entry→tip segment is a straight needle, which the trajectory checks apply to. */
export const NEEDLE_KINDS = [
  'rfProbe',
  'mwAntenna',
  'cryoprobeSet',
  'cementTrocar',
  'ectElectrodeSet',
] as const satisfies readonly DeviceKind[]
