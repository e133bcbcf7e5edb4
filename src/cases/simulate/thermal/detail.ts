/** The thermal result's `detail`: plain data for the thermal panel (structured-cloneable). */
import type { Vec3 } from '../../../lib/vec3'

/** One thermocouple as simulated. */
export interface ThermocoupleDetail {
  readonly id: string
  readonly label: string
  readonly pointMm: Vec3
  readonly from: 'plan' | 'options'
  /** False when the point lies outside the simulated region (it would read ≈ 37 °C). */
  readonly inRoi: boolean
  /** Highest (heat) or lowest (cold) reading, °C; null outside the region. */
  readonly extremeC: number | null
}

/** A protective measure as applied. */
export interface ProtectionDetail {
  readonly id: string
  readonly kind: 'hydrodissection' | 'co2' | 'thermalSaline'
  readonly pointMm: Vec3
  readonly radiusMm: number
  /** Voxels the pocket filled (0: outside the region or nothing to displace). */
  readonly voxels: number
  readonly heldTempC?: number
  readonly from: 'plan' | 'options'
}

/** Detail of a thermal result. */
export interface ThermalDetail {
  readonly kind: 'heat' | 'cold'
  readonly deviceKind: 'mwAntenna' | 'rfProbe' | 'cryoprobeSet'
  /** The settings as run, in words, e.g. "30 W for 600 s, then 120 s without power". */
  readonly settings: string
  readonly grid: {
    readonly dims: readonly [number, number, number]
    readonly spacingMm: Vec3
    readonly originMm: Vec3
  }
  readonly thermocouples: readonly ThermocoupleDetail[]
  readonly protections: readonly ProtectionDetail[]
  /** Protocol phases (cryo) or heating/cooling (heat), s. */
  readonly phases: readonly {
    readonly name: string
    readonly startS: number
    readonly endS: number
  }[]
  /** Stable time step of the solver, s, and the number of frames kept. */
  readonly dtStableS: number
  readonly frames: number
}

/** True when a result's detail is a thermal detail (the panel checks before reading it). */
export function isThermalDetail(d: unknown): d is ThermalDetail {
  return (
    typeof d === 'object' &&
    d !== null &&
    'kind' in d &&
    'thermocouples' in d &&
    ((d as { kind: unknown }).kind === 'heat' || (d as { kind: unknown }).kind === 'cold')
  )
}
