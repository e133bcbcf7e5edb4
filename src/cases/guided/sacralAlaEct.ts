/** Guided path of sacral-ala-ect: sacral-ala lesion next to the S1 root (electrochemotherapy). */
import { createDevice } from '../../plan'
import { deviceOf, editDevices } from './planEdits'
import type { GuidedCase } from './types'

export const SACRUM_GUIDED: GuidedCase = {
  caseId: 'sacral-ala-ect',
  question:
    'The lesion abuts the S1 root after previous radiotherapy: which treatment controls the tumour without injuring the root, and how do you cover it all?',
  find: [
    {
      key: 'lesion',
      name: 'lesion',
      why: 'The mixed lesion in the right sacral ala must lie entirely between the electrodes.',
      toleranceMm: 2,
    },
    {
      key: 'nerveRoot',
      name: 'S1 nerve root',
      why: 'The S1 root in its foramen touches the lesion: heat or cold would injure it; electroporation spares nerves.',
      toleranceMm: 4,
    },
    {
      key: 'iliacVessel',
      name: 'iliac vessels',
      why: 'The iliac vessels lie in front of the sacrum: electrodes pushed through the anterior cortex reach them.',
      toleranceMm: 4,
    },
  ],
  stability: {
    system: 'sins',
    inputs: {
      location: 'junctional',
      pain: 'occasional',
      boneLesion: 'mixed',
      alignment: 'normal',
      collapse: 'none',
      posterolateral: 'none',
    },
    reasons: {
      location: 'S1 is junctional (L5–S1): 3 points.',
      pain: 'Radicular S1 pain is not mechanical (not worse on loading): 1 point.',
      boneLesion: 'Mixed lytic-blastic: 1 point.',
      alignment: 'Normal alignment: 0 points.',
      collapse:
        'The S1 body keeps its height and the lesion lies in the ala, not the body: 0 points.',
      posterolateral:
        'The facets and the posterior elements are spared; the ala is lateral, not posterolateral: 0 points.',
    },
    consequence:
      'SINS 5 is stable (0–6): no stabilisation needed; the problem is the root, so the technique must spare nerves.',
    ref: { section: '§6.1', source: 'Fisher et al., Spine 2010; Fourney, JCO 2011' },
  },
  techniques: [
    {
      technique: 'electrochemotherapy',
      verdict: 'recommended',
      indications: 'Bone metastasis next to nerves, after radiotherapy; non-thermal.',
      contraindications: 'Incomplete coverage (94 % gave only a partial response).',
      reason:
        'Electroporation spares nerves and bone matrix; 84 % had ≥ 50 % pain improvement (Bianchi 2016).',
      ref: { section: '§4.2, §4.4', source: 'Bianchi et al., World J Surg 2016; Campanacci 2022' },
    },
    {
      technique: 'radiotherapy',
      verdict: 'avoid',
      indications: 'First-line palliation.',
      contraindications: 'Prior 30 Gy to the sacrum limits re-irradiation.',
      reason:
        'Already given a year ago; ECT is motivated by the 20–30 % who do not respond to conventional treatment.',
      ref: { section: '§4.4', source: 'Bianchi 2016' },
    },
    {
      technique: 'cryoablation',
      verdict: 'avoid',
      indications: 'Painful lesions away from nerves.',
      contraindications: 'Ice on the S1 root: nerves must stay above 10 °C.',
      reason: 'Thermal ablation next to the S1 root risks a permanent foot-drop-type deficit.',
      ref: { section: '§6.4, §1.5', source: 'Tsoumakidou et al., CVIR 2013' },
    },
  ],
  combination:
    'ECT alone: a hexagonal array (centre + 6) around the lesion from behind, 1000 V/cm per pair, pulses 8–28 min after the bleomycin bolus.',
  literature: [
    {
      text: 'ECT of bone metastases (29 patients): ≥ 50 % pain improvement in 84 % (20/24), no complications.',
      ref: { section: '§4.4, §8.16', source: 'Bianchi et al., World J Surg 2016' },
    },
    {
      text: 'Systematic review (246 patients): VAS 6.9 → 2.7, stable disease 55.5 %, adverse events 3.4 %.',
      ref: { section: '§4.4', source: 'Bocchi et al., JCM 2023' },
    },
  ],
  mistakes: [
    {
      id: 'sacrum-thermal',
      title: 'Microwave ablation added next to the S1 root',
      build: (plan) => {
        const d0 = deviceOf(plan, 'ectElectrodeSet')
        const mw = createDevice('mwAntenna', d0.entryMm, d0.tipMm, { id: 'mw-1' })
        return { ...plan, devices: [...plan.devices, mw] }
      },
      signature: {
        failedItems: ['no-thermal'],
        hasDevices: ['mwAntenna', 'rfProbe', 'cryoprobeSet'],
      },
      explanation:
        'Heat (or cold) next to the S1 root risks nerve injury; electroporation spares nerves and bone. The nerve should stay between 10 and 45 °C.',
      ref: { section: '§4.2, §6.4', source: 'Campanacci et al., Curr Oncol 2022' },
    },
    {
      id: 'sacrum-late-pulses',
      title: 'Pulses 40 min after the bleomycin bolus',
      build: (plan) =>
        editDevices(plan, 'ectElectrodeSet', (d) => ({ ...d, bleomycinToPulsesMin: 40 })),
      signature: { failedItems: ['bleomycin'] },
      explanation:
        'Bleomycin must be in the tissue when the membranes open: deliver the pulses 8–28 min after the IV bolus.',
      ref: { section: '§4.1', source: 'ESOPE SOP, Mir et al. 2006' },
    },
    {
      id: 'sacrum-low-voltage',
      title: '500 V across each electrode pair',
      build: (plan) =>
        editDevices(plan, 'ectElectrodeSet', (d) => ({
          ...d,
          sequence: d.sequence.map((p) => ({ ...p, voltageV: 500 })),
        })),
      signature: { failedItems: ['voltage'] },
      explanation:
        'Needle electrodes need about 1000 V/cm between pairs so that the whole tumour exceeds the reversible threshold (about 400 V/cm); at 94 % coverage the reported case only partly responded.',
      ref: { section: '§4.1, §4.3, §8.14', source: 'ESOPE SOP; Miklavčič 2010' },
    },
  ],
}
