/**
 * The built-in cases. Each vignette is a teaching scenario drawn from the indications in FACTS.md
 * (thermal ablation + cement §1–2, MRgFUS §3, electrochemotherapy §4, embolization §5); the phantom
 * shows the lesion described. Not clinical guidance.
 */
import type { PhantomSpec } from '../phantom'
import type { CaseDefinition, PatientSummary } from './caseDefinition'

/** Phantom spec for a patient: the region, sex and age come from the vignette. */
const specFor = (p: PatientSummary, spec: Omit<PhantomSpec, 'sex' | 'ageYears'>): PhantomSpec => ({
  ...spec,
  sex: p.sex,
  ageYears: p.ageYears,
})

const l3Patient: PatientSummary = {
  ageYears: 62,
  sex: 'M',
  primaryCancer: 'Renal cell carcinoma (clear cell), nephrectomy 3 years ago',
  painVas: 7,
  pain: 'Mechanical low back pain for 6 weeks, worse on standing, no leg symptoms',
  priorTreatment: ['Left nephrectomy', 'Tyrosine-kinase inhibitor (ongoing)'],
}

const t11Patient: PatientSummary = {
  ageYears: 55,
  sex: 'F',
  primaryCancer: 'Breast cancer (ER-positive), bone-only oligoprogression',
  painVas: 8,
  pain: 'Thoracolumbar pain with night pain; no weakness, normal sphincters',
  priorTreatment: ['Mastectomy and adjuvant chemotherapy', 'Endocrine therapy'],
}

const acetabulumPatient: PatientSummary = {
  ageYears: 68,
  sex: 'M',
  primaryCancer: 'Non-small-cell lung cancer (adenocarcinoma)',
  painVas: 8,
  pain: 'Left groin and hip pain on weight bearing, walks with a stick',
  priorTreatment: [
    'Chemo-immunotherapy',
    'Radiotherapy 8 Gy single fraction to the left hip 4 months ago',
  ],
}

const wingPatient: PatientSummary = {
  ageYears: 59,
  sex: 'F',
  primaryCancer: 'Breast cancer (triple negative)',
  painVas: 6,
  pain: 'Focal right buttock pain over the iliac crest, tender to touch, not relieved by opioids',
  priorTreatment: ['Radiotherapy 20 Gy in 5 fractions to the right ilium 6 months ago'],
}

const t12Patient: PatientSummary = {
  ageYears: 57,
  sex: 'M',
  primaryCancer: 'Renal cell carcinoma (clear cell), solitary bone metastasis',
  painVas: 6,
  pain: 'Thoracolumbar pain; mild left flank radiation; neurologically intact',
  priorTreatment: ['Right nephrectomy 2 years ago'],
}

const sacrumPatient: PatientSummary = {
  ageYears: 66,
  sex: 'M',
  primaryCancer: 'Colorectal adenocarcinoma',
  painVas: 7,
  pain: 'Right buttock pain radiating down the back of the thigh (S1 distribution)',
  priorTreatment: [
    'Anterior resection',
    'Radiotherapy 30 Gy in 10 fractions to the sacrum 1 year ago',
  ],
}

/** Every built-in case, default first. */
export const CASES: readonly CaseDefinition[] = [
  {
    id: 'l3-rcc-lytic',
    title: 'L3 lytic renal-cell metastasis: RF ablation and vertebroplasty',
    patient: l3Patient,
    region: 'lumbar',
    phantom: {
      seed: 1103,
      spec: specFor(l3Patient, {
        region: 'lumbar',
        lesions: [
          {
            id: 'm1',
            kind: 'lytic',
            bone: 'L3',
            side: 'left',
            ap: 'posterior',
            sizeMm: 22,
            hypervascular: true,
          },
        ],
      }),
    },
    intent: 'palliative',
    learningObjectives: [
      'Choose a transpedicular route to the left posterior L3 body and check the pedicle can take an 11 G needle',
      'Cover the whole lesion with the ablation zone while keeping the posterior wall below the damage threshold',
      'Keep the cauda equina and exiting L3 root outside the thermal zone (intact posterior wall, but thin)',
      'Plan vertebroplasty after ablation and predict where cement may leak (basivertebral and epidural veins)',
    ],
    techniques: ['radiofrequencyAblation', 'vertebroplasty', 'thermalProtection'],
    criticalStructures: [
      'caudaEquina',
      'nerveRoot',
      'csf',
      'epiduralFat',
      'venousPlexus',
      'aorta',
      'ivc',
      'segmentalArtery',
    ],
    briefing:
      'A 62-year-old man with renal cell carcinoma has 6 weeks of mechanical low back pain (VAS 7). CT shows a ' +
      'lytic lesion in the left posterior part of the L3 body, about 2 cm, with the posterior wall intact. The ' +
      'tumour board asks for percutaneous ablation and consolidation. Plan the needle path, the ablation and ' +
      'the cement.',
  },
  {
    id: 't11-breast-breach',
    title: 'T11 lytic breast metastasis with posterior-wall breach: cryoablation with protection',
    patient: t11Patient,
    region: 'thoracolumbar',
    phantom: {
      seed: 2207,
      spec: specFor(t11Patient, {
        region: 'thoracolumbar',
        lesions: [
          {
            id: 'm1',
            kind: 'lytic',
            bone: 'T11',
            side: 'right',
            ap: 'posterior',
            sizeMm: 24,
            posteriorWallBreach: true,
          },
        ],
      }),
    },
    // Palliative: the epidural tumour abuts the cord and a root, so lethal ice cannot reach it while the
    // nerves stay above 10 °C (FACTS.md §6.4); the epidural part is left to radiotherapy.
    intent: 'palliative',
    learningObjectives: [
      'Recognise the posterior cortical breach and the epidural tumour next to the cord',
      'Choose cryoablation for its visible ice ball and plan thermal protection of the epidural space',
      'Spare the epidural component that touches the cord and roots: nerve limits (≥ 10 °C) come before coverage',
      'Respect the pleura and the intercostal vessels on a thoracic (intercostovertebral or transpedicular) route',
      'Consolidate with cement only after ablation, accounting for the breach',
    ],
    techniques: ['cryoablation', 'thermalProtection', 'vertebroplasty', 'radiotherapy'],
    criticalStructures: [
      'spinalCord',
      'csf',
      'epiduralFat',
      'nerveRoot',
      'pleura',
      'lung',
      'aorta',
      'segmentalArtery',
    ],
    briefing:
      'A 55-year-old woman with oligoprogressive ER-positive breast cancer has thoracolumbar night pain (VAS 8). ' +
      'A 2.4 cm lytic lesion in the right posterior T11 body breaks through the posterior wall with a small ' +
      'epidural component; she is neurologically intact. Plan an ablation that treats as much of the lesion ' +
      'as the cord and roots allow, and protect them.',
  },
  {
    id: 'acetabulum-lung-cryo',
    title: 'Supra-acetabular lytic lesion: cryoablation and acetabuloplasty',
    patient: acetabulumPatient,
    region: 'pelvis',
    phantom: {
      seed: 3301,
      spec: specFor(acetabulumPatient, {
        region: 'pelvis',
        lesions: [
          {
            id: 'm1',
            kind: 'lytic',
            bone: 'ilium',
            site: 'supraAcetabular',
            side: 'left',
            sizeMm: 32,
          },
        ],
      }),
    },
    intent: 'palliative',
    learningObjectives: [
      'Judge the load-bearing supra-acetabular region and the risk of fracture',
      'Plan several cryoprobes to cover a 3 cm lesion, keep the ice off the sciatic nerve and protect the hip joint when the ice approaches it',
      'Plan acetabuloplasty: where cement gives support and where it could leak into the joint',
    ],
    techniques: ['cryoablation', 'acetabuloplasty', 'cementoplasty'],
    criticalStructures: [
      'sciaticNerve',
      'cartilage',
      'jointSpace',
      'iliacVessel',
      'bowel',
      'bladder',
    ],
    briefing:
      'A 68-year-old man with lung adenocarcinoma has left hip pain on weight bearing (VAS 8) despite ' +
      'radiotherapy. CT shows a 3 cm lytic lesion in the left supra-acetabular ilium. Plan an ablation and ' +
      'cement consolidation to relieve pain and support the acetabular roof.',
  },
  {
    id: 'iliac-wing-mrgfus',
    title: 'Painful iliac-wing lesion after radiotherapy: MR-guided focused ultrasound',
    patient: wingPatient,
    region: 'pelvis',
    phantom: {
      seed: 4409,
      spec: specFor(wingPatient, {
        region: 'pelvis',
        lesions: [
          {
            id: 'm1',
            kind: 'lytic',
            bone: 'ilium',
            site: 'wing',
            side: 'right',
            sizeMm: 28,
            softTissueExtensionMm: 8,
          },
        ],
      }),
    },
    intent: 'palliative',
    learningObjectives: [
      'Check eligibility for MRgFUS: a bone-surface target reachable through a clear acoustic window',
      'Place the focal spots on the cortex under the lesion (periosteal denervation) and keep bowel out of the far field',
      'Account for skin and subcutaneous heating on the beam path',
    ],
    techniques: ['mrgfus', 'radiofrequencyAblation', 'cryoablation'],
    criticalStructures: ['skin', 'bowel', 'sciaticNerve', 'iliacVessel'],
    briefing:
      'A 59-year-old woman with breast cancer has focal right buttock pain over the iliac crest (VAS 6) that ' +
      'persisted after radiotherapy. A 2.8 cm lytic lesion in the posterior right iliac wing reaches the outer ' +
      'cortex with a small soft-tissue component. Consider a non-invasive option and plan the sonications.',
  },
  {
    id: 't12-rcc-embolization',
    title: 'Hypervascular T12 renal-cell metastasis: preoperative embolization',
    patient: t12Patient,
    region: 'thoracolumbar',
    phantom: {
      seed: 5501,
      spec: specFor(t12Patient, {
        region: 'thoracolumbar',
        contrast: 'arterial',
        vessels: {
          adamkiewicz: { mode: 'present', side: 'L', levels: ['T9', 'T10', 'T11', 'T12', 'L1'] },
        },
        lesions: [
          {
            id: 'm1',
            kind: 'lytic',
            bone: 'T12',
            side: 'left',
            ap: 'central',
            sizeMm: 30,
            pedicleInvolvement: true,
            softTissueExtensionMm: 10,
            hypervascular: true,
          },
        ],
      }),
    },
    intent: 'curative',
    learningObjectives: [
      'Identify the segmental (intercostal / lumbar) arteries feeding the lesion from the aorta',
      'Find the artery of Adamkiewicz and decide which feeders cannot be embolized',
      'Choose particles versus coils and the level of occlusion to cut surgical blood loss',
    ],
    techniques: ['embolization', 'surgery'],
    criticalStructures: ['spinalCord', 'segmentalArtery', 'aorta', 'nerveRoot', 'kidney'],
    briefing:
      'A 57-year-old man with a solitary renal-cell metastasis in T12 is scheduled for en-bloc resection. The ' +
      'lesion is hypervascular on arterial-phase CT, involves the left pedicle and has a paravertebral soft-' +
      'tissue component. Plan preoperative embolization of its feeders, and check the spinal cord supply first.',
  },
  {
    id: 'sacral-ala-ect',
    title: 'Sacral-ala lesion next to the S1 root: electrochemotherapy',
    patient: sacrumPatient,
    region: 'pelvis',
    phantom: {
      seed: 6607,
      spec: specFor(sacrumPatient, {
        region: 'pelvis',
        lesions: [
          { id: 'm1', kind: 'mixed', bone: 'sacrum', site: 'ala', side: 'right', sizeMm: 28 },
        ],
      }),
    },
    intent: 'palliative',
    learningObjectives: [
      'Explain why thermal ablation is risky next to the S1 root and why electrochemotherapy spares nerves',
      'Place electrodes so the whole lesion lies above the electroporation threshold',
      'Avoid the iliac vessels and bowel in front of the sacrum',
    ],
    techniques: ['electrochemotherapy', 'radiotherapy', 'cryoablation'],
    criticalStructures: ['nerveRoot', 'caudaEquina', 'sciaticNerve', 'iliacVessel', 'bowel'],
    briefing:
      'A 66-year-old man with colorectal cancer has right buttock pain radiating in an S1 distribution (VAS 7) ' +
      'after previous sacral radiotherapy. A 2.8 cm mixed lytic-blastic lesion in the right sacral ala abuts ' +
      'the S1 foramen. Plan a treatment that controls the tumour without injuring the root.',
  },
]
