/**
 * Scoring rubric of every built-in case, written from its learning objectives and FACTS.md §6.4 ("what a
 * good plan must show"). Case-specific numbers come from `evaluatePlan`'s case checks (see caseChecks.ts,
 * hifuChecks.ts, ectChecks.ts, embolizationChecks.ts); their limits are imported, not repeated.
 */
import type { Criterion, Rubric, RubricItem } from '../../plan'
import { PEDICLE_OFFSET_MAX_MM } from './caseChecks'
import { ECT_LIMITS } from './ectChecks'
import { HIFU_LIMITS } from './hifuChecks'

/** Cement volume ranges, mL (FACTS.md §2.1). */
export const CEMENT_RANGES_ML = {
  /** Lumbar 3–6 mL per level [U]; ≥ 4.5 mL improved kyphoplasty pain relief (PMC3804705). */
  lumbar: [3, 6],
  /** Thoracic 2–4 mL per level [U]. */
  thoracic: [2, 4],
  /** Pelvic lesions took 10.3 mL on average with 1–3 needles (Skeletal Radiol 2019); 4.5–15 mL [U]. */
  pelvic: [4.5, 15],
} as const

/** Coverage of the lethal zone, % (FACTS.md §6.4). */
export const COVERAGE_PERCENT = {
  /** Curative: the whole target (FACTS.md §6.4; 94 % is "incomplete", §8.14). */
  curative: 100,
  /**
   * Palliative: most of the lesion [U]; larger lesions are debulked for pain and ablation is combined with
   * cement (FACTS.md §1.4, EJOST 2021).
   */
  palliative: 90,
  /**
   * Nerve-sparing, for a lesion whose epidural part touches the cord and roots (T11 case): that part and
   * the posterior wall next to it are deliberately left unfrozen, because the FACTS.md §6.4 nerve limits
   * (cord and roots 10–45 °C) take precedence over complete cover; cement consolidates and radiotherapy
   * treats the remnant. The nerve-safe expert plan's preview covers 79 % (its full simulation: 50 % at
   * ≤ −20 °C, cord ≥ 31 °C, roots ≥ 13.9 °C; tests/cases/simulate/thermal/t11Cryo.test.ts) [U].
   */
  nerveSparing: 75,
} as const

/** Minimum margin of the lethal zone beyond the target for curative intent, mm (R0, FACTS.md §1.5). */
export const CURATIVE_MARGIN_MM = 2

/** Epidural gap that CO₂ or hydrodissection opens, mm: 5 mm protected the cord better than 2 mm (FACTS.md §1.5). */
export const EPIDURAL_GAP_MM = 5

/** Thermoprotection is due when a critical structure lies within this distance of the zone, mm (§6.4). */
export const PROTECTION_DISTANCE_MM = 10

/** Highest microwave power near the spinal canal, W: 20–30 W (FACTS.md §1.5, Nijland 2024). */
export const SPINE_MW_MAX_POWER_W = 30

const item = (
  id: string,
  title: string,
  points: number,
  criterion: Criterion,
  failReason?: string,
  passReason?: string,
): RubricItem => ({
  id,
  title,
  points,
  criterion,
  ...(failReason ? { failReason } : {}),
  ...(passReason ? { passReason } : {}),
})

const noCriticalFinding = (points: number): RubricItem =>
  item('safe-path', 'No needle crosses or touches a critical structure', points, {
    finding: 'critical',
    count: 0,
  })

const inRange = (metric: string, [lo, hi]: readonly [number, number]): Criterion => ({
  all: [
    { metric, op: '>=', value: lo },
    { metric, op: '<=', value: hi },
  ],
})

const protectionPlanned: Criterion = {
  any: [
    { protection: 'thermocouple' },
    { protection: 'co2Dissection' },
    { protection: 'hydrodissection' },
  ],
}

/** The structure is outside the nerve-safety zone, or protection is planned when it is within 1 cm. */
const protectedOrFar = (key: string): Criterion => ({
  any: [{ distance: key, op: '>=', value: PROTECTION_DISTANCE_MM }, protectionPlanned],
})

const trocarItems = (points: number, isPedicle: boolean): RubricItem[] => [
  ...(isPedicle
    ? [
        item(
          'transpedicular',
          'Cement trocar runs through the pedicle',
          points,
          {
            all: [
              { device: 'cementTrocar', where: { approach: 'transpedicular' } },
              { metric: 'trocarPedicleOffsetMm', op: '<=', value: PEDICLE_OFFSET_MAX_MM },
            ],
          },
          'The trocar does not follow a transpedicular path through the pedicle centre.',
        ),
      ]
    : []),
  item(
    'trocar-tip',
    'Cement trocar tip lies in the lesion',
    points,
    { metric: 'trocarTipsInLesionPercent', op: '>=', value: 100 },
    'A cement trocar tip lies outside the lesion, so cement would not fill it.',
  ),
]

const cementVolume = (points: number, range: readonly [number, number]): RubricItem =>
  item(
    'cement-volume',
    `Cement volume ${range[0]}–${range[1]} mL`,
    points,
    inRange('cementVolumeMl', range),
  )

const highViscosity = (points: number): RubricItem =>
  item(
    'cement-viscosity',
    'High-viscosity cement for a lytic lesion',
    points,
    { metric: 'cementNotHighViscosityCount', op: '<=', value: 0 },
    'Lytic lesions and posterior-wall defects need high-viscosity cement to limit leaks (FACTS.md §2.2, §6.4).',
  )

const applicatorTips = (points: number): RubricItem =>
  item(
    'applicator-tip',
    'Ablation applicator tips lie in the lesion',
    points,
    { metric: 'applicatorTipsInLesionPercent', op: '>=', value: 100 },
    'An ablation applicator tip lies outside the lesion.',
  )

const L3: Rubric = {
  items: [
    noCriticalFinding(20),
    ...trocarItems(10, true),
    applicatorTips(10),
    item(
      'coverage',
      `Ablation covers at least ${COVERAGE_PERCENT.palliative} % of the lesion`,
      15,
      {
        metric: 'coveragePercent',
        op: '>=',
        value: COVERAGE_PERCENT.palliative,
        zeroAt: 50,
      },
    ),
    item(
      'nerves-safe',
      'The lethal zone stays off the cauda equina',
      10,
      // The exiting root next to the pedicle track is monitored by the foramen thermocouple (item 'protection').
      { metric: 'lethalGapMm.caudaEquina', op: '>=', value: 0 },
      'The lethal zone reaches the cauda equina.',
    ),
    item(
      'protection',
      'Thermoprotection or monitoring when the canal is within 1 cm',
      10,
      { all: [protectedOrFar('caudaEquina'), protectedOrFar('epiduralFat')] },
      'The zone comes within 1 cm of the canal and no thermocouple, CO₂ or hydrodissection is planned (FACTS.md §6.4).',
    ),
    item(
      'mw-power',
      `Microwave power at most ${SPINE_MW_MAX_POWER_W} W next to the canal`,
      5,
      {
        any: [
          { metric: 'mwMaxPowerW', op: '<=', value: SPINE_MW_MAX_POWER_W },
          { device: 'mwAntenna', min: 0, max: 0 },
        ],
      },
      'The vertebral cortex does not protect the canal from microwave heating above 20–30 W (FACTS.md §1.5, Nijland 2024).',
    ),
    cementVolume(10, CEMENT_RANGES_ML.lumbar),
    highViscosity(5),
  ],
}

const T11: Rubric = {
  items: [
    noCriticalFinding(20),
    ...trocarItems(5, true),
    applicatorTips(5),
    item(
      'coverage',
      `Lethal ice covers at least ${COVERAGE_PERCENT.nerveSparing} % of the lesion, sparing the epidural part at the cord and roots`,
      15,
      {
        metric: 'coveragePercent',
        op: '>=',
        value: COVERAGE_PERCENT.nerveSparing,
        // Spare only the epidural part at the cord and roots (FACTS.md §6.4 nerve limits take precedence
        // there) and freeze the rest; a single probe or cement alone stays far below.
        zeroAt: 40,
      },
    ),
    item(
      'cord-lethal',
      'Lethal ice stays off the spinal cord',
      15,
      {
        any: [
          { metric: 'lethalGapMm.spinalCord', op: '>=', value: 0 },
          // The preview cannot see the epidural gap that dissection opens: a 5 mm gap kept the cord warmer
          // (FACTS.md §1.5, PMC12925502), so with dissection and a thermocouple the previewed ice may reach at
          // most that far into the cord's present position.
          {
            all: [
              { any: [{ protection: 'co2Dissection' }, { protection: 'hydrodissection' }] },
              { protection: 'thermocouple' },
              { metric: 'lethalGapMm.spinalCord', op: '>=', value: -EPIDURAL_GAP_MM },
            ],
          },
        ],
      },
      'The lethal (−20 °C) isotherm reaches the spinal cord deeper than the 5 mm gap an epidural dissection opens, or no dissection is planned.',
    ),
    item(
      'protection',
      'Epidural protection: CO₂ or hydrodissection plus a thermocouple at the canal',
      15,
      {
        all: [
          { any: [{ protection: 'co2Dissection' }, { protection: 'hydrodissection' }] },
          { protection: 'thermocouple' },
        ],
      },
      'With a posterior-wall breach the ice reaches the epidural space: plan CO₂ or hydrodissection and a thermocouple (FACTS.md §1.5, §6.4).',
    ),
    item(
      'cord-safe',
      'The cord stays above 10 °C, or the epidural space is protected',
      10,
      {
        any: [
          { distance: 'spinalCord', op: '>=', value: 0 },
          {
            all: [
              { any: [{ protection: 'co2Dissection' }, { protection: 'hydrodissection' }] },
              { protection: 'thermocouple' },
            ],
          },
        ],
      },
      'The 10 °C isotherm reaches the spinal cord and the epidural space is not protected.',
    ),
    cementVolume(10, CEMENT_RANGES_ML.thoracic),
    highViscosity(5),
  ],
}

const ACETABULUM: Rubric = {
  items: [
    noCriticalFinding(20),
    ...trocarItems(10, false),
    applicatorTips(10),
    item(
      'coverage',
      `Lethal ice covers at least ${COVERAGE_PERCENT.palliative} % of the lesion`,
      20,
      {
        metric: 'coveragePercent',
        op: '>=',
        value: COVERAGE_PERCENT.palliative,
        zeroAt: 50,
      },
    ),
    item('sciatic-safe', 'The sciatic nerve stays outside the 10 °C isotherm', 15, {
      distance: 'sciaticNerve',
      op: '>=',
      value: 0,
    }),
    item(
      'joint-protected',
      'The lethal ice stays 1 cm from the hip joint, or the joint is protected',
      10,
      // FACTS.md §6.4: thermoprotection (thermocouple, hydro- or CO₂ dissection) is due when a critical
      // structure is within about 1 cm; it sets no cartilage temperature limit. The phantom lesion lies
      // 1.4 mm from the cartilage, so covering it brings the ice to the joint: protection is the answer.
      {
        any: [
          {
            all: [
              { metric: 'lethalGapMm.cartilage', op: '>=', value: PROTECTION_DISTANCE_MM },
              { metric: 'lethalGapMm.jointSpace', op: '>=', value: PROTECTION_DISTANCE_MM },
            ],
          },
          {
            // A protection must exist (a measured fact) before its distance to the joint means anything:
            // `jointProtectionMm` is null when none is planned, which scorePlan reads as "not measured".
            all: [
              { any: [{ protection: 'thermocouple' }, { protection: 'hydrodissection' }] },
              { metric: 'jointProtectionMm', op: '<=', value: PROTECTION_DISTANCE_MM },
            ],
          },
        ],
      },
      'The lethal ice comes within 1 cm of the hip joint and no thermocouple or hydrodissection is planned within 1 cm of the joint: FACTS.md §6.4 asks for thermoprotection when a critical structure is within about 1 cm.',
      'The hip joint is guarded as FACTS.md §6.4 asks: the lethal ice stays at least 1 cm from it, or a thermocouple or hydrodissection is planned within 1 cm of it.',
    ),
    cementVolume(15, CEMENT_RANGES_ML.pelvic),
  ],
}

const ILIAC_WING: Rubric = {
  items: [
    item('hifu-device', 'Focused ultrasound is chosen', 5, { device: 'hifuTransducer' }),
    item(
      'focus-lesion',
      'The focus lies on the lesion',
      20,
      { metric: 'hifuFocusToLesionMm', op: '<=', value: HIFU_LIMITS.maxFocusToLesionMm },
      'The focus is off the lesion.',
    ),
    item(
      'focus-bone-surface',
      'The focus lies on the bone surface (periosteal denervation)',
      20,
      { metric: 'hifuFocusToBoneSurfaceMm', op: '<=', value: HIFU_LIMITS.maxFocusToBoneSurfaceMm },
      'The focus is not on the bone surface, where the periosteal nerves are (FACTS.md §3.1).',
    ),
    item(
      'beam-path',
      'The beam path is free of gas, bowel and nerves',
      25,
      { metric: 'hifuBeamBlockedMm', op: '<=', value: 0 },
      'The beam path crosses gas, bowel or a nerve (FACTS.md §3.3, §6.4).',
    ),
    item(
      'incidence',
      `The beam meets the bone within ${HIFU_LIMITS.maxIncidenceDeg}° of its normal`,
      15,
      { metric: 'hifuIncidenceDeg', op: '<=', value: HIFU_LIMITS.maxIncidenceDeg },
      'Beyond the critical angle (~27°) no compressional wave enters the bone (FACTS.md §3.4).',
    ),
    item(
      'sonications',
      'Sonication power and duration within the trial ranges',
      15,
      { metric: 'hifuSonicationsOutOfRange', op: '<=', value: 0 },
      'Sonications outside 32–96 W or 20–30 s (FACTS.md §3.2).',
    ),
  ],
}

const T12: Rubric = {
  items: [
    item('catheter', 'Transarterial embolization is planned', 5, {
      device: 'embolizationCatheter',
    }),
    item(
      'feeder',
      'A feeding segmental artery of the lesion is catheterised',
      25,
      { metric: 'emboFeederCatheters', op: '>=', value: 1 },
      'No catheter sits in a safe feeding segmental artery of the lesion.',
    ),
    item(
      'adamkiewicz',
      'The artery of Adamkiewicz supply is spared',
      40,
      { metric: 'emboAdamkiewiczCatheters', op: '<=', value: 0 },
      'A catheter sits in a vessel that supplies the artery of Adamkiewicz (FACTS.md §5.3, §8.15).',
    ),
    item(
      'non-target',
      'No non-target vessel is embolized',
      15,
      { metric: 'emboNonTargetCatheters', op: '<=', value: 0 },
      'A catheter sits in a vessel that does not feed the lesion.',
    ),
    item(
      'agent',
      'Embolic agent suits a hypervascular bone metastasis',
      15,
      { metric: 'emboSmallParticleCatheters', op: '<=', value: 0 },
      'Particles below 150 µm can pass anastomoses to the cord (FACTS.md §5.1: PVA 150–500 µm).',
    ),
  ],
}

const SACRUM: Rubric = {
  items: [
    item('ect-device', 'Electrochemotherapy is chosen', 5, { device: 'ectElectrodeSet' }),
    item(
      'no-thermal',
      'No thermal ablation next to the S1 root',
      10,
      {
        all: [
          { device: 'mwAntenna', min: 0, max: 0 },
          { device: 'rfProbe', min: 0, max: 0 },
          { device: 'cryoprobeSet', min: 0, max: 0 },
        ],
      },
      'Thermal ablation next to the S1 root risks nerve injury; ECT spares nerves (FACTS.md §4.2).',
    ),
    noCriticalFinding(20),
    item(
      'enclosed',
      'The electrode array encloses the whole lesion',
      25,
      { metric: 'ectEnclosedPercent', op: '>=', value: 100, zeroAt: 80 },
      'Part of the lesion lies outside the electrode array; 100 % coverage is needed (FACTS.md §4.3, §6.4).',
    ),
    item(
      'spacing',
      `Activated electrode pairs at most ${ECT_LIMITS.maxPairGapMm} mm apart`,
      15,
      { metric: 'ectMaxPairGapMm', op: '<=', value: ECT_LIMITS.maxPairGapMm },
      'Electrodes are too far apart for the generator to reach the field between them.',
    ),
    item(
      'voltage',
      `At least ${ECT_LIMITS.minVoltsPerCm} V/cm across every pair`,
      15,
      { metric: 'ectMinVoltsPerCm', op: '>=', value: ECT_LIMITS.minVoltsPerCm },
      'The voltage-to-distance ratio is below about 1000 V/cm for needle electrodes (FACTS.md §4.1).',
    ),
    item(
      'bleomycin',
      `Pulses ${ECT_LIMITS.bleomycinWindowMin[0]}–${ECT_LIMITS.bleomycinWindowMin[1]} min after bleomycin`,
      10,
      inRange('ectBleomycinToPulsesMin', ECT_LIMITS.bleomycinWindowMin),
      'Pulses outside the 8–28 min bleomycin window (FACTS.md §4.1).',
    ),
  ],
}

/** Rubric of each built-in case, by case id. */
export const CASE_RUBRICS: Readonly<Record<string, Rubric>> = {
  'l3-rcc-lytic': L3,
  't11-breast-breach': T11,
  'acetabulum-lung-cryo': ACETABULUM,
  'iliac-wing-mrgfus': ILIAC_WING,
  't12-rcc-embolization': T12,
  'sacral-ala-ect': SACRUM,
}

/** The rubric of a case; throws for a case without one. */
export function caseRubric(caseId: string): Rubric {
  const r = CASE_RUBRICS[caseId]
  if (!r) throw new Error(`There is no rubric for case "${caseId}".`)
  return r
}
