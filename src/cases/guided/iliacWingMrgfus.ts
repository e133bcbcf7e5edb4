/** Guided path of iliac-wing-mrgfus: painful iliac-wing lesion after radiotherapy (MRgFUS). */
import { add, normalize, scale, type Vec3 } from '../../lib/vec3'
import { editDevices, r3 } from './planEdits'
import type { GuidedCase } from './types'

/** Rotates the acoustic window about the cranio-caudal axis through the focus by `rad`. */
function rotateWindow(entry: Vec3, focus: Vec3, rad: number): [number, number, number] {
  const ax = entry[0] - focus[0]
  const ay = entry[1] - focus[1]
  const c = Math.cos(rad)
  const s = Math.sin(rad)
  return r3([focus[0] + ax * c - ay * s, focus[1] + ax * s + ay * c, entry[2]])
}

export const ILIAC_WING_GUIDED: GuidedCase = {
  caseId: 'iliac-wing-mrgfus',
  question:
    'Radiotherapy has failed: is this patient eligible for a non-invasive MR-guided focused-ultrasound treatment, and where do the sonications go?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The lytic lesion reaches the outer cortex of the right iliac wing: the focus goes on that cortex.',
      toleranceMm: 2,
    },
    {
      key: 'bowel',
      name: 'bowel',
      why: 'Bowel and its gas in the beam path reflect and absorb ultrasound: the window must avoid them.',
      toleranceMm: 4,
    },
    {
      key: 'skin',
      name: 'skin',
      why: 'The beam crosses the skin first; skin burns are the trial’s reported serious adverse event.',
      toleranceMm: 3,
    },
  ],
  stability: {
    system: 'mirels',
    inputs: { site: 'lowerLimb', type: 'lytic', size: 'overTwoThirds', pain: 'moderate' },
    reasons: {
      site: 'Mirels has no pelvic row; the pelvis is scored as lower limb, its nearest row: 2 points.',
      type: 'Lytic on CT: 3 points.',
      size: 'The lesion reaches the outer cortex with a soft-tissue component, so more than two thirds of the cortex is gone: 3 points.',
      pain: 'Focal, tender, not relieved by opioids, but not brought on by weight bearing: moderate, 2 points.',
    },
    consequence:
      'Mirels 10 would advise fixation in a long bone, but the crest of the iliac wing is off the weight-bearing arc from the sacrum to the acetabulum. The score prompts a discussion, not an operation: the aim here is pain palliation.',
    applicability:
      'Mirels is validated only for long bones (FACTS.md §6.2; specificity is generally poor). Applied to the iliac wing by analogy it over-calls the risk: knowing the limits of a score is part of the exercise.',
    ref: { section: '§6.2', source: 'Mirels, CORR 1989; VA cohort' },
  },
  techniques: [
    {
      technique: 'mrgfus',
      verdict: 'recommended',
      indications:
        'Painful bone metastasis after radiotherapy (NRS ≥ 4), bone-surface target under 100 cm² in the pelvis, visible on MRI.',
      contraindications:
        'Vertebral bodies, skull, joints; need for stabilisation; beam path through scar, gas or bowel.',
      reason:
        'Heating the bone surface destroys the periosteal nerves: 64 % responded at 3 months in the pivotal trial (79 % pooled).',
      ref: { section: '§3.1, §3.3', source: 'Hurwitz, JNCI 2014; Baal, Skeletal Radiol 2021' },
    },
    {
      technique: 'radiofrequencyAblation',
      verdict: 'acceptable',
      indications: 'Painful lytic lesion reachable by needle.',
      contraindications: 'Needs a needle; a non-invasive option exists here.',
      reason: 'An invasive alternative if MRgFUS is not available or the window is blocked.',
      ref: { section: '§1.6', source: 'Dupuy, Cancer 2010 (ACRIN 6666)' },
    },
    {
      technique: 'cryoablation',
      verdict: 'acceptable',
      indications: 'Painful lesion with a soft-tissue component.',
      contraindications: 'Invasive; several probes.',
      reason: 'Another invasive alternative: worst pain 7.1 → 3.6 at 8 weeks.',
      ref: { section: '§1.6', source: 'Callstrom, Cancer 2013' },
    },
    {
      technique: 'surgery',
      verdict: 'avoid',
      indications: 'Impending fracture of a load-bearing bone.',
      contraindications: 'Non-load-bearing wing; palliative aim.',
      reason:
        'The wing does not carry the body weight; surgery adds morbidity without a stability gain.',
      ref: { section: '§6.2', source: 'Mirels, CORR 1989' },
    },
  ],
  combination:
    'MRgFUS alone: 60 W × 25 s sonications with the focus on the cortex under the lesion, beam perpendicular to the bone through a window clear of gas, bowel and nerves.',
  literature: [
    {
      text: 'MRgFUS pivotal trial (147 patients): response 64.3 % vs 20.0 % sham at 3 months; 1 third-degree skin burn, 2 fractures.',
      ref: { section: '§3.1, §8.16', source: 'Hurwitz et al., JNCI 2014' },
    },
    {
      text: 'Meta-analysis (1082 patients): pooled response 79 %, pain −3.8 at 1 month; grade ≥ 3 adverse events 0.9 %.',
      ref: { section: '§3.1, §8.16', source: 'Baal et al., Skeletal Radiol 2021' },
    },
  ],
  mistakes: [
    {
      id: 'wing-beam-through-bowel',
      title: 'Acoustic window through the abdomen: the beam crosses bowel and gas',
      build: (plan) =>
        editDevices(plan, 'hifuTransducer', (d) => {
          // Window moved in front of the wing (−P is anterior in LPS) and towards the midline (+L).
          const dir = normalize([0.45, -1, 0.15])
          return { ...d, entryMm: r3(add(d.tipMm, scale(dir, 100))) }
        }),
      signature: { failedItems: ['beam-path'] },
      explanation:
        'Gas and bowel in the beam path reflect and absorb the ultrasound and can be burnt: the beam path must be free of scar, gas, bowel and nerves. Come from behind, through the gluteal muscles.',
      ref: { section: '§3.3, §6.4', source: 'NCT03404362' },
    },
    {
      id: 'wing-grazing-beam',
      title: 'Beam meeting the bone at a grazing angle',
      build: (plan) =>
        editDevices(plan, 'hifuTransducer', (d) => ({
          ...d,
          entryMm: rotateWindow(d.entryMm, d.tipMm, Math.PI / 3),
        })),
      signature: { failedItems: ['incidence'], passedItems: ['beam-path', 'focus-lesion'] },
      explanation:
        'Beyond the compressional critical angle (about 27–31°) no longitudinal wave enters the bone and the energy is reflected: aim the beam within about 27° of the bone normal.',
      ref: { section: '§3.4, §8.13', source: 'FACTS.md acoustic properties' },
    },
    {
      id: 'wing-overpowered',
      title: '300 W sonications',
      build: (plan) =>
        editDevices(plan, 'hifuTransducer', (d) => ({
          ...d,
          sonications: d.sonications.map((s) => ({ ...s, acousticPowerW: 300 })),
        })),
      signature: { failedItems: ['sonications'] },
      explanation:
        'The trial used 32–96 W acoustic for 20–30 s per sonication; more power risks skin and near-field burns (a third-degree burn was the trial’s serious event).',
      ref: { section: '§3.2, §3.1', source: 'Chen et al., Clin Oncol 2017 (BM004); Hurwitz 2014' },
    },
    {
      id: 'wing-focus-off-lesion',
      title: 'Transducer aimed 2 cm too far cranially: focus off the lesion and off the bone',
      build: (plan) =>
        editDevices(plan, 'hifuTransducer', (d) => ({
          ...d,
          entryMm: r3(add(d.entryMm, [0, 0, 20])),
          tipMm: r3(add(d.tipMm, [0, 0, 20])),
        })),
      signature: {
        failedItems: ['focus-lesion', 'focus-bone-surface'],
        passedItems: ['beam-path'],
      },
      explanation:
        'The pain relief comes from heating the bone surface under the lesion (periosteal denervation): a focus in the soft tissue above the crest heats neither the lesion nor its periosteum.',
      ref: { section: '§3.1', source: 'Napoli et al. (book chapter)' },
    },
  ],
}
