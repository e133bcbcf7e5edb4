/** Guided path of t12-rcc-embolization: hypervascular T12 RCC metastasis, preoperative embolization. */
import type { VesselInfo } from '../phantom'
import { editDevices } from './planEdits'
import type { GuidedCase } from './types'

/** The vessel that supplies the artery of Adamkiewicz (FACTS.md §5.3), or the first segmental artery. */
function adamkiewiczFeeder(vessels: readonly VesselInfo[]): VesselInfo | undefined {
  return (
    vessels.find((v) => v.feedsAdamkiewicz === true) ??
    vessels.find((v) => vessels.some((c) => c.parent === v.id && c.kind === 'adamkiewicz'))
  )
}

export const T12_GUIDED: GuidedCase = {
  caseId: 't12-rcc-embolization',
  question:
    'This hypervascular T12 renal-cell metastasis will be resected en bloc: which arteries do you embolize beforehand to cut the blood loss, and which must you never embolize?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The hypervascular lesion in T12 with its left pedicle and paravertebral component.',
      toleranceMm: 2,
    },
    {
      key: 'aorta',
      name: 'aorta',
      why: 'Every segmental (intercostal and lumbar) artery arises from the aorta: the catheter starts here.',
      toleranceMm: 3,
    },
    {
      key: 'segmentalArtery',
      name: 'segmental artery',
      why: 'The segmental arteries at T12 feed the lesion; one of the T8–L1 segmental arteries may give the artery of Adamkiewicz.',
      toleranceMm: 4,
    },
    {
      key: 'spinalCord',
      name: 'spinal cord',
      why: 'The cord depends on the anterior spinal artery, fed by the artery of Adamkiewicz.',
      toleranceMm: 3,
    },
  ],
  stability: {
    system: 'sins',
    inputs: {
      location: 'junctional',
      pain: 'occasional',
      boneLesion: 'lytic',
      alignment: 'normal',
      collapse: 'noneOver50Involved',
      posterolateral: 'unilateral',
    },
    reasons: {
      location: 'T12 is junctional (T11–L1): 3 points.',
      pain: 'Thoracolumbar pain with mild flank radiation, not described as worse on loading: non-mechanical, 1 point.',
      boneLesion: 'Renal-cell metastasis, lytic: 2 points.',
      alignment: 'Normal alignment: 0 points.',
      collapse:
        'No collapse, but a 3 cm central lesion replaces more than half of a T12 body about 4 cm wide and 3 cm deep: 1 point.',
      posterolateral: 'The left pedicle is involved: unilateral, 1 point.',
    },
    consequence:
      'SINS 8 is potentially unstable (7–12): surgical consultation is warranted, and the planned en-bloc resection includes stabilisation. Embolization prepares that operation.',
    ref: { section: '§6.1', source: 'Fisher et al., Spine 2010; Fourney, JCO 2011' },
  },
  techniques: [
    {
      technique: 'embolization',
      verdict: 'recommended',
      indications: 'Hypervascular metastasis (RCC, thyroid) before surgery.',
      contraindications:
        'A feeder that gives the artery of Adamkiewicz or a radiculomedullary branch.',
      reason:
        'Embolized RCC/thyroid metastases bled 0.90 vs 1.77 L; > 70 % devascularisation and surgery within 24 h give the least blood loss.',
      ref: { section: '§5.2', source: 'Pazionis, CORR 2014; Yuh, JKNS 2023' },
    },
    {
      technique: 'surgery',
      verdict: 'recommended',
      indications: 'Solitary metastasis, SINS ≥ 7, curative intent.',
      contraindications: 'Uncontrolled bleeding risk without embolization.',
      reason:
        'En-bloc resection is the curative treatment; embolization precedes it by under 24 h.',
      ref: { section: '§5.2, §6.4', source: 'Diagn Interv Radiol 2021' },
    },
    {
      technique: 'radiofrequencyAblation',
      verdict: 'avoid',
      indications: 'Palliation of smaller lesions.',
      contraindications: 'Curative en-bloc resection planned; pedicle and paravertebral extension.',
      reason: 'Ablation does not replace the planned resection of a solitary lesion.',
      ref: { section: '§1.5', source: 'Deschamps et al., Eur Radiol 2014' },
    },
  ],
  combination:
    'Spinal angiography first to find the artery of Adamkiewicz, then superselective PVA 150–500 µm into the T12 tumour feeders (lesion side first, then the contralateral one: both feed the vertebral body) from segmental arteries that do not feed the cord, each to near-stasis, and surgery within 24 h.',
  literature: [
    {
      text: 'Corpectomy median blood loss: 4350 mL without embolization, 1800 mL with particles.',
      ref: { section: '§5.2', source: 'Berkefeld, AJNR 1999' },
    },
    {
      text: 'After complete embolization, surgery within 24 h saved 233 mL (p = 0.004).',
      ref: { section: '§5.2', source: 'Yuh et al., JKNS 2023' },
    },
    {
      text: 'Palliative NBCA embolization: ≥ 50 % pain relief in 97 %, lasting about 8–9 months.',
      ref: { section: '§5.1, §8.16', source: 'Rossi 2011; Facchini (Rizzoli)' },
    },
  ],
  mistakes: [
    {
      id: 't12-adamkiewicz',
      title: 'Embolizing the segmental artery that gives the artery of Adamkiewicz',
      build: (plan, p) => {
        const ak = adamkiewiczFeeder(p.vessels)
        if (!ak) throw new Error('The T12 phantom has no artery of Adamkiewicz.')
        return editDevices(plan, 'embolizationCatheter', (d) => ({ ...d, vesselId: ak.id }))
      },
      signature: { failedItems: ['adamkiewicz'] },
      explanation:
        'Occluding the artery of Adamkiewicz is a contraindication: it risks spinal-cord infarction. It arises between T8 and L1 in 89 % (left in 77 %): find it on spinal angiography before choosing the feeder.',
      ref: { section: '§5.3, §8.15', source: 'Taterra et al., Neuroradiology 2019' },
    },
    {
      id: 't12-small-particles',
      title: '50–100 µm particles',
      build: (plan) =>
        editDevices(plan, 'embolizationCatheter', (d) => ({
          ...d,
          agent: { kind: 'particles', sizeMinUm: 50, sizeMaxUm: 100 },
        })),
      signature: { failedItems: ['agent'] },
      explanation:
        'Particles below 150 µm can pass anastomoses to the cord and cause skin or nerve ischaemia; PVA 150–500 µm is the reported agent.',
      ref: { section: '§5.1', source: 'Shi et al., AJNR 1999' },
    },
    {
      id: 't12-aorta',
      title: 'Catheter left in the aorta (non-target embolization)',
      build: (plan) =>
        editDevices(plan, 'embolizationCatheter', (d) => ({ ...d, vesselId: 'aorta' })),
      signature: { failedItems: ['non-target', 'feeder'], passedItems: ['adamkiewicz'] },
      explanation:
        'Embolic released in the aorta goes everywhere downstream: the feeders must be catheterised superselectively.',
      ref: { section: '§6.4', source: 'FACTS.md embolization checklist' },
    },
  ],
}
