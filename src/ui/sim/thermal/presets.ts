/**
 * Device presets of the thermal panel, each labelled with the data it comes from (FACTS.md). A preset sets
 * some of the device's own parameters (one undo step); the rest stay as they are.
 */
import type { DeviceOf } from '../../../plan'

/** One preset: the parameters it sets and where they come from. */
export interface ThermalPreset<K extends 'mwAntenna' | 'rfProbe' | 'cryoprobeSet'> {
  readonly id: string
  readonly label: string
  /** The published data behind it, e.g. "in-vivo liver chart, FACTS.md §8.6 (PMC3438625)". */
  readonly source: string
  readonly params: Partial<Omit<DeviceOf<K>, 'kind' | 'id' | 'entryMm' | 'tipMm' | 'probes'>>
}

export const MW_PRESETS: readonly ThermalPreset<'mwAntenna'>[] = [
  {
    id: 'mw-spine-30w',
    label: '30 W × 4 min, next to the spine',
    source: 'sheep vertebra, posterior wall stayed < 60 °C ex vivo: FACTS.md §1.5 (Nijland 2024)',
    params: { powerW: 30, durationS: 240, antennaType: 'dualSlot', frequencyMHz: 2450 },
  },
  {
    id: 'mw-liver-80w',
    label: '80 W × 5 min → 44.8 × 31.2 mm',
    source: 'in-vivo liver chart: FACTS.md §8.6 (PMC3438625)',
    params: { powerW: 80, durationS: 300, antennaType: 'dualSlot', frequencyMHz: 2450 },
  },
  {
    id: 'mw-liver-50w',
    label: '50 W × 5 min, dual-slot (aspect 0.82)',
    source: 'ex vivo liver chart: FACTS.md §1.4 (PMC3721053)',
    params: { powerW: 50, durationS: 300, antennaType: 'dualSlot', frequencyMHz: 2450 },
  },
  {
    id: 'mw-liver-100w',
    label: '100 W × 5 min, dual-slot (aspect 0.63)',
    source: 'in-vivo liver chart: FACTS.md §1.4 (PMC3721053)',
    params: { powerW: 100, durationS: 300, antennaType: 'dualSlot', frequencyMHz: 2450 },
  },
  {
    id: 'mw-bone-cycle',
    label: '3 min cycle',
    source: 'clinical bone MWA used 30 s – 3 min cycles: FACTS.md §1.4 (Kastler 2013)',
    params: { durationS: 180 },
  },
]

export const RF_PRESETS: readonly ThermalPreset<'rfProbe'>[] = [
  ...([7, 10, 20] as const).map((tip) => ({
    id: `rf-bipolar-${tip}`,
    label: `Bipolar bone probe, ${tip} mm tip, 70 °C`,
    source:
      'bipolar bone RF tips 7/10/20 mm [U]: FACTS.md §1.4; vendor zone charts are a §7 gap (model prediction)',
    params: {
      variant: 'bipolarBone' as const,
      activeTipMm: tip,
      targetTipTempC: 70,
      powerW: 20,
      durationS: 300,
    },
  })),
  {
    id: 'rf-cooltip-12min',
    label: 'Cooled monopolar, 12 min → 46 × 30 mm',
    source: 'in-vivo liver chart: FACTS.md §8.6 (PMC3438625)',
    params: {
      variant: 'cooledMonopolar',
      activeTipMm: 30,
      targetTipTempC: 90,
      powerW: 200,
      durationS: 720,
    },
  },
]

export const CRYO_PRESETS: readonly ThermalPreset<'cryoprobeSet'>[] = [
  {
    id: 'cryo-10-5-10',
    label: 'Freeze 10 – passive thaw 5 – freeze 10 min',
    source: 'gelatin study protocol: FACTS.md §1.4 (Open Biomed Eng J 2016); clinical use [U]',
    params: { protocol: { freeze1Min: 10, thawMin: 5, freeze2Min: 10, thawMode: 'passive' } },
  },
  {
    id: 'cryo-10-5a-10',
    label: 'Freeze 10 – active thaw 5 – freeze 10 min',
    source: 'as above with an active thaw; thaw temperature not in FACTS [G]',
    params: { protocol: { freeze1Min: 10, thawMin: 5, freeze2Min: 10, thawMode: 'active' } },
  },
  {
    id: 'cryo-15',
    label: 'Single 15 min freeze',
    source: '39 °C gel-phantom chart, 1 probe → 12 mm lethal ice: FACTS.md §8.3 (Littrup 2009)',
    params: { protocol: { freeze1Min: 15, thawMin: 0, freeze2Min: 0, thawMode: 'passive' } },
  },
]
