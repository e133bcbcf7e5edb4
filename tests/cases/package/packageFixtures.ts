import { parsePlanFile, type Plan } from '../../../src/plan'

export type { Plan }

/** A minimal valid plan with one RF probe into the synthetic lesion. */
export function createPlan(): Plan {
  const json = {
    version: 2,
    title: 'Expert',
    notes: '',
    scan: { kind: 'loaded', fingerprint: 'g1-0123456789abcdef' },
    targets: [],
    devices: [
      {
        kind: 'rfProbe',
        id: 'rf-1',
        label: 'RF',
        entryMm: [60, 12, 4],
        tipMm: [6, 12, 4],
        variant: 'cooledMonopolar',
        gauge: 17,
        activeTipMm: 20,
        powerW: 100,
        durationS: 720,
        targetTipTempC: 90,
      },
    ],
    protections: [],
  }
  const r = parsePlanFile(JSON.stringify(json))
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.plan
}
