/** Guided path of acetabulum-lung-cryo: supra-acetabular lytic lesion (Mirels by analogy, cryo + cement). */
import { editDevices, withoutProtections } from './planEdits'
import type { GuidedCase } from './types'

export const ACETABULUM_GUIDED: GuidedCase = {
  caseId: 'acetabulum-lung-cryo',
  question:
    'Is the acetabular roof at risk of fracture, and how do you ablate a 3 cm lesion next to the hip joint and sciatic nerve and support the roof?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The 3 cm lytic lesion sits in the weight-bearing supra-acetabular ilium.',
      toleranceMm: 2,
    },
    {
      key: 'cartilage',
      name: 'hip-joint cartilage',
      why: 'The lesion lies about 1.4 mm from the articular cartilage: the ice will reach the joint, so it needs protection.',
      toleranceMm: 3,
    },
    {
      key: 'sciaticNerve',
      name: 'sciatic nerve',
      why: 'The sciatic nerve runs behind the acetabulum; the ice must stay off it (keep it above 10 °C).',
      toleranceMm: 4,
    },
  ],
  stability: {
    system: 'mirels',
    inputs: { site: 'lowerLimb', type: 'lytic', size: 'overTwoThirds', pain: 'functional' },
    reasons: {
      site: 'Mirels has no pelvic row; the weight-bearing acetabular roof is scored as lower limb: 2 points.',
      type: 'Lung adenocarcinoma metastasis, lytic on CT: 3 points.',
      size: 'A 3.2 cm lesion replaces more than two thirds of the supra-acetabular bone thickness: 3 points.',
      pain: 'Pain on weight bearing, walking with a stick, is functional pain: 3 points.',
    },
    consequence:
      'Mirels 11 (≥ 9): fracture risk of about 33 % or more; support is recommended. Percutaneous acetabuloplasty after ablation gives the roof cement support.',
    applicability:
      'Mirels is defined and validated for long bones (FACTS.md §6.2); here it is applied by analogy to the weight-bearing acetabular roof as a teaching exercise, not a validated score.',
    ref: { section: '§6.2', source: 'Mirels, CORR 1989' },
  },
  techniques: [
    {
      technique: 'cryoablation',
      verdict: 'recommended',
      indications: 'Large painful lytic lesion; visible ice next to the joint and nerve.',
      contraindications: 'Ice on the sciatic nerve or cartilage without protection.',
      reason:
        'Several probes 1.5–2 cm apart cover 3 cm (more probes, larger lethal ice); cryo had fewer minor complications than RF (6.0 % vs 33.3 %).',
      ref: { section: '§1.4, §1.6', source: 'Littrup 2009; Papalexis 2023' },
    },
    {
      technique: 'acetabuloplasty',
      verdict: 'recommended',
      indications: 'Mirels ≥ 9 in the load-bearing roof; painful lytic lesion.',
      contraindications: 'Cement leak into the joint or onto the sciatic nerve.',
      reason:
        'Acetabuloplasty gave complete pain relief in 59 % and partial in 41 %; leaks into the joint and onto the nerve are the failures to avoid.',
      ref: { section: '§2.6', source: 'Maccauro, BMC MSK 2008; Cotten, Eur Radiol 1998' },
    },
    {
      technique: 'thermalProtection',
      verdict: 'recommended',
      indications: 'The joint lies within about 1 cm of the ice.',
      contraindications: 'None here.',
      reason: 'A thermocouple or warm-saline hydrodissection at the joint surface nearest the ice.',
      ref: { section: '§6.4', source: 'Tsoumakidou et al., CVIR 2013' },
    },
    {
      technique: 'cementoplasty',
      verdict: 'acceptable',
      indications: 'The general term for cement consolidation; here it is the acetabuloplasty.',
      contraindications: 'As for acetabuloplasty.',
      reason: 'Same procedure as acetabuloplasty at this site.',
      ref: { section: '§2.1', source: 'Skeletal Radiol 2019' },
    },
    {
      technique: 'mrgfus',
      verdict: 'avoid',
      indications: 'Bone-surface targets for pain; pelvis is treatable.',
      contraindications: 'Joints are excluded; it does not support a roof at fracture risk.',
      reason:
        'MRgFUS trials exclude joints and patients needing stabilisation; a Mirels 11 roof needs support.',
      ref: { section: '§3.3', source: 'NCT03404362' },
    },
  ],
  combination:
    'Three cryoprobes with a thermocouple at the hip joint, then acetabuloplasty through an 11 G trocar after thawing: ablation for the pain and tumour, cement for the load-bearing roof.',
  literature: [
    {
      text: 'Cryoablation (61 patients): worst pain 7.1 → 3.6 at 8 weeks.',
      ref: { section: '§1.6, §8.16', source: 'Callstrom, Cancer 2013' },
    },
    {
      text: 'Percutaneous acetabuloplasty (25 patients, 30 acetabula): complete relief 59 %, partial 41 %, lasting 7.3 months on average.',
      ref: { section: '§2.6', source: 'Maccauro, BMC MSK 2008' },
    },
    {
      text: 'Pelvic cementoplasty: 10.3 mL per lesion on average, asymptomatic leaks in 45.5 %, VAS 84.2 → 45.6 mm.',
      ref: { section: '§2.1', source: 'Skeletal Radiol 2019' },
    },
  ],
  mistakes: [
    {
      id: 'acetabulum-joint-unprotected',
      title: 'Ice reaches the hip joint with no thermocouple or hydrodissection',
      build: (plan) => withoutProtections(plan),
      signature: { failedItems: ['joint-protected'] },
      explanation:
        'The lesion abuts the cartilage, so lethal ice reaches the joint. Thermoprotection (thermocouple, warm-saline hydrodissection) is due when a critical structure is within about 1 cm.',
      ref: { section: '§6.4, §1.5', source: 'Tsoumakidou et al., CVIR 2013' },
    },
    {
      id: 'acetabulum-single-probe',
      title: 'One cryoprobe for a 3.2 cm lesion',
      build: (plan) =>
        editDevices(plan, 'cryoprobeSet', (d) => ({ ...d, probes: d.probes.slice(0, 1) })),
      signature: {
        failedItems: ['coverage'],
        passedItems: ['applicator-tip'],
        hasDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'One probe gives about 1.2 cm of lethal ice (two probes 3.3 cm): a 3 cm lesion needs several probes 1.5–2 cm apart.',
      ref: { section: '§8.3, §1.4', source: 'Littrup 2009; PMC4850244' },
    },
    {
      id: 'acetabulum-overfill',
      title: '20 mL of cement in the acetabular roof',
      build: (plan) => editDevices(plan, 'cementTrocar', (d) => ({ ...d, volumeMl: 20 })),
      signature: { failedItems: ['cement-volume'] },
      explanation:
        'Pelvic lesions took 10.3 mL on average (4.5–15 mL), and pain relief did not correlate with the filling; more cement adds leak risk into the joint and onto the sciatic nerve.',
      ref: { section: '§2.1, §2.6', source: 'Skeletal Radiol 2019; Cotten 1998' },
    },
    {
      id: 'acetabulum-probe-outside',
      title: 'A cryoprobe tip 3 cm outside the lesion',
      build: (plan) =>
        editDevices(plan, 'cryoprobeSet', (d) => ({
          ...d,
          probes: d.probes.map((p, i) =>
            i === 0 ? { ...p, tipMm: [p.tipMm[0] + 30, p.tipMm[1], p.tipMm[2]] } : p,
          ),
        })),
      signature: {
        failedItems: ['applicator-tip'],
        hasDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'Every probe tip belongs in the lesion: a probe outside freezes normal tissue and leaves a gap in the lethal ice.',
      ref: { section: '§6.4', source: 'FACTS.md ablation checklist' },
    },
  ],
}
