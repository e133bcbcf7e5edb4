/** Guided path of l3-rcc-lytic: L3 lytic renal-cell metastasis, intact posterior wall (SINS, ablation + cement). */
import { add } from '../../lib/vec3'
import { deviceOf, editDevices, r3, withoutDevices, withoutProtections } from './planEdits'
import type { GuidedCase } from './types'

const SINS_REF = { section: '§6.1', source: 'Fisher et al., Spine 2010; Fourney, JCO 2011' }

export const L3_GUIDED: GuidedCase = {
  caseId: 'l3-rcc-lytic',
  question:
    'Is this L3 vertebra at risk of collapse, and which percutaneous treatment relieves the pain and stabilises it without injuring the cauda equina?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The lytic metastasis in the left posterior L3 body is what the ablation zone must cover.',
      toleranceMm: 2,
    },
    {
      key: 'caudaEquina',
      name: 'cauda equina',
      why: 'Below the conus the canal holds the cauda equina; the thin posterior wall is all that separates it from the lesion.',
      toleranceMm: 3,
    },
    {
      key: 'nerveRoot',
      name: 'exiting nerve root',
      why: 'The L3 root runs under the pedicle the needle passes through; the thermocouple goes at its foramen.',
      toleranceMm: 4,
    },
    {
      key: 'aorta',
      name: 'aorta',
      why: 'A needle pushed through the anterior cortex would reach the aorta in front of the vertebra.',
      toleranceMm: 3,
    },
  ],
  stability: {
    system: 'sins',
    inputs: {
      location: 'mobile',
      pain: 'mechanical',
      boneLesion: 'lytic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    },
    reasons: {
      location: 'L3 is mobile spine (L2–L4): 2 points.',
      pain: 'Pain worse on standing and eased lying down is mechanical: 3 points.',
      boneLesion: 'The lesion is lytic (renal-cell carcinoma): 2 points.',
      alignment:
        'No subluxation or new kyphosis or scoliosis on the sagittal and coronal views: 0 points.',
      collapse:
        'The body keeps its height and a 2.2 cm lesion involves well under half of an L3 body about 5 cm wide and 3.5 cm deep: 0 points.',
      posterolateral:
        'The lesion stays in the posterior body; the pedicle, facet and lamina are spared: 0 points.',
    },
    consequence:
      'SINS 7 is potentially unstable (7–12): it warrants a surgical consultation (FACTS.md §6.1, §6.4). Percutaneous cement consolidation after the ablation addresses the mechanical pain.',
    ref: SINS_REF,
  },
  techniques: [
    {
      technique: 'radiofrequencyAblation',
      verdict: 'recommended',
      indications: 'Painful lytic vertebral metastasis with an intact posterior wall.',
      contraindications: 'Posterior-wall breach with epidural tumour next to the neural elements.',
      reason:
        'Multipolar RF in vertebrae was safe with an intact posterior wall (FACTS.md §1.5); RF + cement brought worst pain from 8.2 to 3.5 at 6 months (OPuS One).',
      ref: {
        section: '§1.5, §1.6',
        source: 'J Interv Radiol (China) 2009; Levy et al., JVIR 2020',
      },
    },
    {
      technique: 'microwaveAblation',
      verdict: 'acceptable',
      indications: 'Same indications as RF; larger, faster zones and less heat sink.',
      contraindications:
        'High power next to the canal: 40–50 W pushed the posterior wall above 60 °C almost at once.',
      reason:
        'Usable at 20–30 W with a thermocouple; the cortex alone does not insulate the canal from microwave heating (Nijland 2024).',
      ref: { section: '§1.5, §8.9', source: 'Nijland et al., Int J Hyperthermia 2024' },
    },
    {
      technique: 'vertebroplasty',
      verdict: 'recommended',
      indications: 'Mechanical pain and a lytic body at risk of collapse (SINS 7).',
      contraindications:
        'Cement alone does not treat the tumour; lytic lesions leak more with low viscosity.',
      reason:
        'Consolidates the ablated body; high-viscosity cement halves the leak risk (RR 0.38); ≥ 4.5 mL improved pain relief.',
      ref: { section: '§2.1, §2.2', source: 'PMC5895344; PMC3804705' },
    },
    {
      technique: 'thermalProtection',
      verdict: 'recommended',
      indications: 'A critical structure within about 1 cm of the zone.',
      contraindications: 'None when the structure is near; unnecessary far from it.',
      reason:
        'The root and canal lie within 1 cm of the zone: a thermocouple at the foramen (alarm at 45 °C) is due.',
      ref: { section: '§6.4, §1.5', source: 'Tsoumakidou et al., CVIR 2013' },
    },
    {
      technique: 'cryoablation',
      verdict: 'acceptable',
      indications: 'Visible ice margin; less procedural pain than heat.',
      contraindications:
        'Needs several probes for 2 cm; bleeding risk in a hypervascular RCC lesion.',
      reason:
        'Would work, but one RF or microwave applicator through the cement trocar covers 2 cm with a single access.',
      ref: { section: '§1.6', source: 'Callstrom, Cancer 2013' },
    },
    {
      technique: 'mrgfus',
      verdict: 'avoid',
      indications: 'Posterior elements of L3–L5, ribs, pelvis and limbs.',
      contraindications: 'Vertebral bodies are excluded from MRgFUS eligibility.',
      reason: 'The lesion is in the vertebral body, which MRgFUS trials exclude.',
      ref: { section: '§3.3', source: 'NCT03404362' },
    },
  ],
  combination:
    'Ablate first (coaxially through the 11 G cement trocar), then inject high-viscosity cement through the same trocar: the ablation treats the tumour and its pain, the cement consolidates the lytic body (RF + cement: 8.2 → 3.5 at 6 months).',
  literature: [
    {
      text: 'RF ablation + cementoplasty (OPuS One, 100 patients, 97 % with cement): worst pain 8.2 ± 1.7 → 3.5 ± 3.2 at 6 months, 4 adverse events.',
      ref: { section: '§1.6, §8.16', source: 'Levy et al., JVIR 2020' },
    },
    {
      text: 'MWA + cementoplasty after radiotherapy (82 patients): VAS 6.3 → 1.7 at 1 month; asymptomatic cement leaks in 27.8 %.',
      ref: { section: '§1.6', source: 'BMC MSK 2022' },
    },
    {
      text: 'Metastatic vertebroplasty leaks in 53–57 % (canal 16 %); high-viscosity cement reduces any leak (RR 0.38).',
      ref: { section: '§2.2, §8.11', source: 'Corcos 2014; Tang 2022; PMC5895344' },
    },
  ],
  mistakes: [
    {
      id: 'l3-medial-pedicle',
      title: 'Trocar aimed through the medial pedicle wall into the canal',
      build: (plan, p) => {
        const t = deviceOf(plan, 'cementTrocar')
        // A midline entry aimed at the lesion crosses the lamina and canal instead of the pedicle.
        const spinous = p.landmarks['L3.spinousTip'] ?? t.entryMm
        const entry = r3(add(spinous, [0, 15, 10]))
        return editDevices(plan, 'cementTrocar', (d) => ({
          ...d,
          entryMm: entry,
          tipMm: r3(p.lesions[0]?.centreMm ?? d.tipMm),
        }))
      },
      signature: { failedItems: ['safe-path', 'transpedicular'] },
      explanation:
        'The trocar leaves the pedicle through its medial wall and crosses the canal: the needle path must avoid the medial cortex and the foramen, and run down the pedicle axis.',
      ref: { section: '§6.4', source: 'FACTS.md cementoplasty checklist' },
    },
    {
      id: 'l3-cement-only',
      title: 'Cement without ablation in a painful lytic RCC lesion',
      build: (plan) => withoutDevices(plan, ['mwAntenna', 'rfProbe', 'cryoprobeSet']),
      signature: {
        failedItems: ['coverage'],
        lacksDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'Cement consolidates the body but leaves the tumour untreated. The learning objective is ablation then cement: RF + cement gave 8.2 → 3.5 worst pain at 6 months (OPuS One), and ablation treats the lesion before the cement fills it.',
      ref: { section: '§1.6, §8.16', source: 'Levy et al., JVIR 2020' },
    },
    {
      id: 'l3-hot-unprotected',
      title: 'Microwave at 80 W with no thermocouple next to the canal',
      build: (plan) =>
        withoutProtections(editDevices(plan, 'mwAntenna', (d) => ({ ...d, powerW: 80 }))),
      signature: { failedItems: ['mw-power', 'protection'] },
      explanation:
        'At 40–50 W the posterior wall exceeded 60 °C almost at once in sheep vertebrae, and 10 of 12 sheep were paralysed even at 20–30 W in vivo. Keep microwave power at 20–30 W and put a thermocouple at the foramen (nerves should stay between 10 and 45 °C).',
      ref: { section: '§1.5, §6.4', source: 'Nijland et al., Int J Hyperthermia 2024' },
    },
    {
      id: 'l3-antenna-outside',
      title: 'Antenna tip outside the lesion: the zone under-covers it',
      build: (plan) =>
        // Tip 25 mm to the patient's right and 10 mm cranial: across the midline, out of the lesion.
        editDevices(plan, 'mwAntenna', (d) => ({
          ...d,
          tipMm: r3([d.tipMm[0] - 25, d.tipMm[1], d.tipMm[2] + 10]),
        })),
      signature: {
        failedItems: ['applicator-tip', 'coverage'],
        hasDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'The lethal zone sits around the applicator tip: with the tip outside the lesion part of the tumour lies outside the zone. Palliative intent still asks for at least 90 % cover, combined with cement.',
      ref: { section: '§6.4', source: 'FACTS.md ablation checklist' },
    },
    {
      id: 'l3-too-much-cement',
      title: '12 mL of low-viscosity cement in one lumbar level',
      build: (plan) =>
        editDevices(plan, 'cementTrocar', (d) => ({ ...d, volumeMl: 12, viscosity: 'low' })),
      signature: { failedItems: ['cement-volume', 'cement-viscosity'] },
      explanation:
        'Injected volume is an independent risk for canal leaks, and low-viscosity cement leaks more (high viscosity: RR 0.38 for any leak). 3–6 mL per lumbar level with high-viscosity cement is the plan.',
      ref: { section: '§2.1, §2.2', source: 'World J Surg Oncol 2022; PMC5895344' },
    },
  ],
}
