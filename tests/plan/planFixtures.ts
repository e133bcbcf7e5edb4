/** Builders for plan tests: a plan holding one device of every kind, with overridable parts. */
import { createDevice, DEVICE_KINDS, type Device, type Plan } from '../../src/plan'

/** One device of every kind on sensible paths (LPS mm, posterior approach). */
export function everyDevice(): Device[] {
  return DEVICE_KINDS.map((kind, n): Device => {
    const x = -20 + 8 * n
    return createDevice(kind, [x, 90, 10], [x * 0.5, 20, 5])
  })
}

/** A valid version-2 plan with every device kind, each target kind except painted, and every protection. */
export function makePlan(overrides: Partial<Plan> = {}): Plan {
  return {
    version: 2,
    title: 'L3 lytic metastasis: ablation and cement',
    notes: 'Bipolar RF first,\nthen cement through the same trocar.',
    scan: { kind: 'builtin', caseId: 'l3-lytic' },
    targets: [
      { kind: 'label', id: 't1', label: 'L3 lesion', labelId: 30, lesionId: 'lesion-1' },
      { kind: 'sphere', id: 't2', label: 'Margin sphere', centreMm: [0, 10, 5], radiusMm: 14 },
      {
        kind: 'ellipsoid',
        id: 't3',
        label: '',
        centreMm: [1, 2, 3],
        radiiMm: [10, 8, 6],
        axes: [
          [1, 0, 0],
          [0, 0.6, 0.8],
          [0, -0.8, 0.6],
        ],
      },
    ],
    devices: everyDevice(),
    protections: [
      {
        kind: 'thermocouple',
        id: 'tc1',
        label: 'Left L3 foramen',
        pointMm: [12, 30, 0],
        alarmLowC: 10,
        alarmHighC: 45,
      },
      {
        kind: 'hydrodissection',
        id: 'h1',
        label: 'Psoas',
        pointMm: [30, 0, 0],
        volumeMl: 20,
        fluid: 'dextrose5',
      },
      { kind: 'co2Dissection', id: 'c1', label: '', pointMm: [-30, 0, 0], volumeMl: 100 },
    ],
    ...overrides,
  }
}

/** A small, typical plan: one RF probe, one trocar, the lesion label and a thermocouple. */
export function typicalPlan(): Plan {
  return {
    version: 2,
    title: 'L2 metastasis: bipolar RF and vertebroplasty',
    notes: '',
    scan: { kind: 'builtin', caseId: 'l2-lytic' },
    targets: [{ kind: 'label', id: 't1', label: 'L2 lesion', labelId: 30 }],
    devices: [
      createDevice('rfProbe', [-31.4, 92.75, 12.5], [-6.25, 18.5, 8.75]),
      createDevice('cementTrocar', [31.4, 92.75, 12.5], [6.25, 18.5, 8.75]),
    ],
    protections: [
      {
        kind: 'thermocouple',
        id: 'tc1',
        label: 'Left L2 foramen',
        pointMm: [14.5, 36, 2],
        alarmLowC: 10,
        alarmHighC: 45,
      },
    ],
  }
}
