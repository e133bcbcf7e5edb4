/**
 * Default parameters of each device kind and a factory that places a new device on a path. Values are
 * teaching defaults taken from FACTS.md (section cited per value); [U] marks unverified values, which stay
 * editable in the plan.
 */
import { add, cross, normalize, scale, sub, type Vec3 } from '../lib/vec3'
import type { DeviceKind, DeviceOf } from './deviceSchemas'

type Mutable3 = [number, number, number]
/** Fields of a device that `createDevice` fills from the path, not from the defaults. */
type PlacedFields = 'kind' | 'id' | 'entryMm' | 'tipMm' | 'probes' | 'electrodes' | 'sequence'
/** The default, path-independent part of a device of kind K (including its label). */
export type DeviceParams<K extends DeviceKind> = Omit<DeviceOf<K>, PlacedFields>

/** Default parameters per device kind. */
export const DEVICE_DEFAULTS: { readonly [K in DeviceKind]: DeviceParams<K> } = {
  rfProbe: {
    label: 'Bipolar RF probe',
    variant: 'bipolarBone',
    gauge: 11,
    // 10 mm tip: the middle of the 7/10/20 mm range (FACTS.md §1.4, [U]).
    activeTipMm: 10,
    powerW: 20,
    durationS: 300,
    // ~70 °C set-point for bipolar bone RF [U]; lethal heat is ≥ 60 °C (FACTS.md §1.1, Brace 2009).
    targetTipTempC: 70,
  },
  mwAntenna: {
    label: 'Microwave antenna',
    gauge: 14,
    // 20–30 W kept a sheep posterior wall below 60 °C for ~4 min (FACTS.md §1.5, Nijland 2024).
    powerW: 30,
    durationS: 240,
    frequencyMHz: 2450,
    antennaType: 'dualSlot',
  },
  cryoprobeSet: {
    label: 'Cryoprobes',
    // Freeze 10 – passive thaw 5 – freeze 10 min (FACTS.md §1.4, Open Biomed Eng J 2016; clinical [U]).
    protocol: { freeze1Min: 10, thawMin: 5, freeze2Min: 10, thawMode: 'passive' },
  },
  cementTrocar: {
    label: 'Cement trocar',
    gauge: 11,
    approach: 'transpedicular',
    // High viscosity leaks less (RR 0.38, FACTS.md §2.2, PMC5895344).
    viscosity: 'high',
    // ≥ 4.5 mL improved kyphoplasty pain relief (FACTS.md §2.1, PMC3804705).
    volumeMl: 4.5,
    rateMlPerMin: 3,
    startAfterMixingS: 240,
    balloon: null,
  },
  hifuTransducer: {
    label: 'Focused-ultrasound transducer',
    // 1 MHz, 154 mm aperture, 130 mm radius: the PMC3166338 reference bowl (FACTS.md §3.5).
    frequencyMHz: 1,
    apertureMm: 154,
    radiusOfCurvatureMm: 130,
    // 32–96 W acoustic for 20–30 s per sonication (FACTS.md §3.2, Chen 2017).
    sonications: [{ offsetMm: [0, 0, 0], acousticPowerW: 60, durationS: 25, coolingS: 60 }],
  },
  ectElectrodeSet: {
    label: 'ECT electrodes',
    gauge: 20,
    template: 'hexagonal',
    // ESOPE: 8 × 100 µs at 5 kHz (FACTS.md §4.1, [U]).
    pulses: { count: 8, widthUs: 100, frequencyHz: 5000 },
    bleomycinToPulsesMin: 10,
  },
  embolizationCatheter: {
    label: 'Embolization microcatheter',
    vesselId: 'unassigned',
    tipAlongVessel: 1,
    // PVA 150–500 µm (FACTS.md §5.1, Shi 1999).
    agent: { kind: 'particles', sizeMinUm: 300, sizeMaxUm: 500 },
    volumeMl: 2,
  },
}

/** Short id prefix per kind. */
const ID_PREFIX: { readonly [K in DeviceKind]: string } = {
  rfProbe: 'rf',
  mwAntenna: 'mw',
  cryoprobeSet: 'cryo',
  cementTrocar: 'trocar',
  hifuTransducer: 'hifu',
  ectElectrodeSet: 'ect',
  embolizationCatheter: 'embo',
}

/** ECT templates (ESOPE, FACTS.md §4.1, [U]): voltage-to-distance 1000 V/cm for needle electrodes. */
export const ECT_TEMPLATE = {
  /** Needle-electrode voltage-to-distance ratio, V/mm (1000 V/cm). */
  voltsPerMm: 100,
  /** Hexagonal array: centre + 6 needles at this radius (730 V per neighbour pair at 100 V/mm). */
  hexagonalSpacingMm: 7.3,
  /** Linear array: two rows of 4 needles this far apart (400 V per pair at 100 V/mm). */
  linearRowGapMm: 4,
  /** Needle pitch within a row of the linear array [U]. */
  linearPitchMm: 2,
  /** Custom start: two needles this far apart. */
  customGapMm: 10,
  activeLengthMm: 20,
} as const

/** Rounds to 1 µm so that generated coordinates stay short in files and URLs. */
const r3 = (v: Vec3): Mutable3 => [
  Math.round(v[0] * 1000) / 1000,
  Math.round(v[1] * 1000) / 1000,
  Math.round(v[2] * 1000) / 1000,
]

/** Two unit vectors perpendicular to `axis` and to each other (deterministic choice). */
function perpendicularBasis(axis: Vec3): [Vec3, Vec3] {
  const a = normalize(axis)
  const helper: Vec3 = Math.abs(a[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(a, helper))
  return [u, cross(a, u)]
}

/** Electrodes and activation sequence of an ECT template placed parallel to entry→tip. */
export function ectTemplateElectrodes(
  template: 'hexagonal' | 'linear' | 'custom',
  entryMm: Vec3,
  tipMm: Vec3,
): Pick<DeviceOf<'ectElectrodeSet'>, 'electrodes' | 'sequence'> {
  const [u, v] = perpendicularBasis(sub(tipMm, entryMm))
  const offsets: Vec3[] = []
  if (template === 'hexagonal') {
    offsets.push([0, 0, 0])
    for (let n = 0; n < 6; n++) {
      const t = (n * Math.PI) / 3
      offsets.push(
        add(
          scale(u, ECT_TEMPLATE.hexagonalSpacingMm * Math.cos(t)),
          scale(v, ECT_TEMPLATE.hexagonalSpacingMm * Math.sin(t)),
        ),
      )
    }
  } else if (template === 'linear') {
    for (const row of [-0.5, 0.5]) {
      for (const col of [-1.5, -0.5, 0.5, 1.5]) {
        offsets.push(
          add(
            scale(u, row * ECT_TEMPLATE.linearRowGapMm),
            scale(v, col * ECT_TEMPLATE.linearPitchMm),
          ),
        )
      }
    }
  } else {
    offsets.push(scale(u, -ECT_TEMPLATE.customGapMm / 2), scale(u, ECT_TEMPLATE.customGapMm / 2))
  }
  const electrodes = offsets.map((o, n) => ({
    id: `e${n + 1}`,
    entryMm: r3(add(entryMm, o)),
    tipMm: r3(add(tipMm, o)),
    activeLengthMm: ECT_TEMPLATE.activeLengthMm,
  }))
  const pairs: [number, number][] = []
  if (template === 'linear') {
    for (let c = 0; c < 4; c++) pairs.push([c, c + 4])
  } else if (template === 'hexagonal') {
    for (let n = 1; n <= 6; n++) pairs.push([0, n])
    for (let n = 1; n <= 6; n++) pairs.push([n, (n % 6) + 1])
  } else {
    pairs.push([0, 1])
  }
  const sequence = pairs.map(([a, b]) => {
    const oa = offsets[a] ?? [0, 0, 0]
    const ob = offsets[b] ?? [0, 0, 0]
    const gapMm = Math.hypot(oa[0] - ob[0], oa[1] - ob[1], oa[2] - ob[2])
    return { anode: a, cathode: b, voltageV: Math.round(gapMm * ECT_TEMPLATE.voltsPerMm) }
  })
  return { electrodes, sequence }
}

/** Gauge of a new cryoprobe: 13 G ≈ 2.4 mm, the probe of the Littrup 2009 phantom data (FACTS.md §1.4). */
export const CRYOPROBE_DEFAULT_GAUGE = 13

/** Options of {@link createDevice}. */
export interface CreateDeviceOptions {
  /** Id to use; by default the first free `<prefix>-<n>` not in `existingIds`. */
  readonly id?: string
  readonly existingIds?: Iterable<string>
}

/**
 * Creates a device of `kind` with default parameters on the path entry→tip (LPS mm). Cryoprobe sets start
 * with one probe on the path and ECT sets with the default template around it. The result is plain data;
 * validate it with `DeviceSchema` (e.g. a HIFU focus deeper than the radius of curvature is rejected there).
 */
export function createDevice<K extends DeviceKind>(
  kind: K,
  entryMm: Vec3,
  tipMm: Vec3,
  options: CreateDeviceOptions = {},
): DeviceOf<K> {
  const taken = new Set(options.existingIds ?? [])
  let id = options.id
  for (let n = 1; id === undefined; n++) {
    const candidate = `${ID_PREFIX[kind]}-${n}`
    if (!taken.has(candidate)) id = candidate
  }
  // A deep copy keeps callers from sharing nested default objects (protocol, agent, sonications); the
  // defaults are plain JSON data, so a JSON round trip is an exact copy.
  const { label, ...params } = JSON.parse(
    JSON.stringify(DEVICE_DEFAULTS[kind]),
  ) as DeviceParams<DeviceKind>
  // Keys in the schema's order (kind, id, label, entryMm, tipMm, …) so that the JSON reads like a file.
  const placed = { kind, id, label, entryMm: r3(entryMm), tipMm: r3(tipMm) }
  if (kind === 'cryoprobeSet') {
    const probes = [
      { id: 'p1', entryMm: placed.entryMm, tipMm: placed.tipMm, gauge: CRYOPROBE_DEFAULT_GAUGE },
    ]
    return { ...placed, probes, ...params } as unknown as DeviceOf<K>
  }
  if (kind === 'ectElectrodeSet') {
    const { electrodes, sequence } = ectTemplateElectrodes(
      DEVICE_DEFAULTS.ectElectrodeSet.template,
      entryMm,
      tipMm,
    )
    return { ...placed, ...params, electrodes, sequence } as unknown as DeviceOf<K>
  }
  return { ...placed, ...params } as unknown as DeviceOf<K>
}
