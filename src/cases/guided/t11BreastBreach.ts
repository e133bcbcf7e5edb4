/** Guided path of t11-breast-breach: T11 lytic breast metastasis with a posterior-wall breach (SINS, cryo). */
import { editDevices, withoutDevices, withoutProtections } from './planEdits'
import type { GuidedCase } from './types'

export const T11_GUIDED: GuidedCase = {
  caseId: 't11-breast-breach',
  question:
    'The posterior wall is broken and tumour touches the cord and a root: how much of this T11 lesion can you freeze while keeping the cord and roots above 10 °C?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The lytic metastasis in the right posterior T11 body: its intra-osseous part goes inside the lethal ice; its epidural part touches the cord and a root and is spared.',
      toleranceMm: 2,
    },
    {
      key: 'spinalCord',
      name: 'spinal cord',
      why: 'At T11 the canal holds the cord itself; the epidural tumour touches it, so the ice must stop short of the canal (cord and roots 10–45 °C).',
      toleranceMm: 3,
    },
    {
      key: 'pleura',
      name: 'pleura',
      why: 'A thoracic path that strays lateral crosses the pleura and risks a pneumothorax.',
      toleranceMm: 4,
    },
  ],
  stability: {
    system: 'sins',
    inputs: {
      location: 'junctional',
      pain: 'occasional',
      boneLesion: 'lytic',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    },
    reasons: {
      location: 'T11 is junctional (T11–L1): 3 points.',
      pain: 'Night pain that is not worse with loading or movement is non-mechanical: 1 point.',
      boneLesion: 'The breast metastasis is lytic: 2 points.',
      alignment: 'Alignment is normal: 0 points.',
      collapse:
        'No loss of height, and a 2.4 cm lesion involves less than half of the T11 body: 0 points.',
      posterolateral:
        'The breach is through the posterior wall of the body, not the pedicle, facet or costovertebral joint: 0 points.',
    },
    consequence:
      'SINS 6 is stable (0–6): no surgical stabilisation is required for stability. The epidural tumour, not instability, drives the plan: protect the cord during ablation.',
    ref: { section: '§6.1', source: 'Fisher et al., Spine 2010; Fourney, JCO 2011' },
  },
  techniques: [
    {
      technique: 'cryoablation',
      verdict: 'recommended',
      indications:
        'Ablation of a small oligometastatic lesion; the ice is visible on CT. Next to the cord it is nerve-sparing, not curative.',
      contraindications: 'Uncontrolled ice reaching the cord without protection.',
      reason:
        'The visible ice edge lets you watch the epidural margin; −20 to −40 °C lethal cover lies about 1 cm inside the edge. Several probes are needed (2 probes 3.3 cm vs 1 probe 1.2 cm lethal ice). Each probe freezes along its whole 4 cm freezing length, so keep those segments clear of the foramina, and shorten the cycles when a root would fall below 10 °C.',
      ref: { section: '§1.4, §6.4, §8.3', source: 'Littrup 2009; PMC4850244' },
    },
    {
      technique: 'thermalProtection',
      verdict: 'recommended',
      indications: 'A critical structure within about 1 cm of the zone; posterior-wall breach.',
      contraindications: 'None here.',
      reason:
        'Epidural CO₂ or hydrodissection with a thermocouple: a 5 mm epidural gap protected the cord better than 2 mm.',
      ref: { section: '§1.5, §6.4', source: 'PMC12925502; Buy et al., CVIR 2009' },
    },
    {
      technique: 'vertebroplasty',
      verdict: 'recommended',
      indications: 'Consolidation of the ablated lytic body.',
      contraindications:
        'Posterior-wall defect raises the canal-leak risk: only high-viscosity cement, small volume.',
      reason:
        'After thawing, 2–4 mL of high-viscosity cement; posterior-wall defect and volume are independent risks for a canal leak.',
      ref: { section: '§2.2', source: 'World J Surg Oncol 2022' },
    },
    {
      technique: 'radiotherapy',
      verdict: 'acceptable',
      indications: 'Standard palliative treatment for painful bone metastases.',
      contraindications: 'None specific; slower pain relief.',
      reason:
        'RT gave PR 22–32 % and CR 17–25 % by consensus endpoints; here it treats the epidural remnant that the ice must spare next to the cord.',
      ref: { section: '§6.3', source: 'Chow et al. 2002/2012' },
    },
    {
      technique: 'microwaveAblation',
      verdict: 'avoid',
      indications: 'Intact posterior wall, low power.',
      contraindications: 'Posterior-wall breach: the cortex does not insulate microwave heat.',
      reason:
        'With the wall broken there is no cortex between the zone and the cord, and even intact cortex failed at 20–30 W in vivo.',
      ref: { section: '§1.5', source: 'Nijland et al., Int J Hyperthermia 2024' },
    },
  ],
  combination:
    'Three cryoprobes about 1 cm apart in the anterior and middle lesion, on paths whose freezing segments stay at least 1 cm from the cord and roots (freeze 5 – active thaw 5 – freeze 5 min), with epidural CO₂ dissection and thermocouples at the canal and the exiting root; the epidural part touching the cord is left unfrozen (nerves first), then high-viscosity cement through the lesion-side pedicle after thawing and radiotherapy for the remnant.',
  literature: [
    {
      text: 'Cryoablation of bone metastases (61 patients): worst pain 7.1 → 3.6 at 8 weeks and 1.4 at 24 weeks; one major complication.',
      ref: { section: '§1.6, §8.16', source: 'Callstrom, Cancer 2013' },
    },
    {
      text: 'Spine cryoablation relieved pain in 93.8 % of palliative sessions.',
      ref: { section: '§1.6', source: 'Autrusseau (in Papalexis 2023)' },
    },
    {
      text: 'Curative bone ablation: one-year complete treatment in 67 %, favoured by small size and no nearby neural structures.',
      ref: { section: '§1.5', source: 'Deschamps et al., Eur Radiol 2014' },
    },
  ],
  mistakes: [
    {
      id: 't11-no-epidural-protection',
      title: 'No epidural dissection or thermocouple despite the breach',
      build: (plan) => withoutProtections(plan),
      signature: { failedItems: ['protection'] },
      explanation:
        'With a posterior-wall breach the ice reaches the epidural space. Plan CO₂ or hydrodissection and a thermocouple even when the ice is meant to stop short of the canal: a 5 mm epidural gap kept the cord warmer than 2 mm, and nerves should stay above 10 °C.',
      ref: { section: '§1.5, §6.4', source: 'PMC12925502' },
    },
    {
      id: 't11-single-probe',
      title: 'A single cryoprobe for a 2.4 cm lesion',
      build: (plan) =>
        editDevices(plan, 'cryoprobeSet', (d) => ({ ...d, probes: d.probes.slice(0, 1) })),
      signature: {
        failedItems: ['coverage'],
        hasDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'One 2.4 mm probe gives about 1.2 cm of lethal ice; two probes 2 cm apart about 3.3 cm. Even a nerve-sparing plan needs most of the lesion inside the lethal isotherm, which lies about 1 cm inside the visible ice edge.',
      ref: { section: '§8.3, §8.4', source: 'Littrup 2009; PMC4850244' },
    },
    {
      id: 't11-cement-low-viscosity',
      title: '8 mL of low-viscosity cement through a broken posterior wall',
      build: (plan) =>
        editDevices(plan, 'cementTrocar', (d) => ({ ...d, volumeMl: 8, viscosity: 'low' })),
      signature: { failedItems: ['cement-volume', 'cement-viscosity'] },
      explanation:
        'Posterior-wall defect and injected volume are independent risks for a canal leak (15.9 % of metastatic vertebroplasties leaked into the canal). Use 2–4 mL of high-viscosity cement at a thoracic level.',
      ref: { section: '§2.1, §2.2', source: 'World J Surg Oncol 2022; PMC5895344' },
    },
    {
      id: 't11-cement-only',
      title: 'Cement alone, without ablating the lesion',
      build: (plan) => withoutDevices(plan, ['cryoprobeSet', 'mwAntenna', 'rfProbe']),
      signature: {
        failedItems: ['coverage'],
        lacksDevices: ['cryoprobeSet', 'mwAntenna', 'rfProbe'],
      },
      explanation:
        'Cement consolidates but does not treat the tumour. Freeze everything that can be frozen safely (all but the epidural part touching the cord and root), then consolidate.',
      ref: { section: '§6.4', source: 'FACTS.md ablation checklist' },
    },
  ],
}
