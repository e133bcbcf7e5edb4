import { parsePlanFile, type Plan } from '../../../src/plan'

export type { Plan }

/** A minimal valid plan with one microwave antenna into the synthetic lesion. */
export function createPlan(): Plan {
  const json = {
    version: 2,
    title: 'Expert',
    notes: '',
    scan: { kind: 'loaded', fingerprint: 'g1-0123456789abcdef' },
    targets: [],
    devices: [
      {
        kind: 'mwAntenna',
        id: 'mw-1',
        label: 'Microwave antenna',
        entryMm: [60, 12, 4],
        tipMm: [6, 12, 4],
        gauge: 14,
        powerW: 30,
        durationS: 600,
        frequencyMHz: 2450,
        antennaType: 'dualSlot',
      },
    ],
    protections: [],
  }
  const r = parsePlanFile(JSON.stringify(json))
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.plan
}
