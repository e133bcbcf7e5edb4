import { exhaustive } from '../../lib/assert'
import type { Device } from '../deviceSchemas'
import { gaugeOuterDiameterMm } from '../needleGauge'
import { marchTrajectory } from './marchTrajectory'
import type { LabelVolume, TrajectoryOptions, TrajectoryReport } from './trajectoryTypes'

/** The trajectory report of one needle of a device. */
export interface DevicePathReport {
  readonly deviceId: string
  /** The needle's id within a set (cryoprobe, electrode), or null for single-needle devices. */
  readonly needleId: string | null
  readonly report: TrajectoryReport
}

/**
 * Runs `marchTrajectory` on every straight needle of a device, with the needle's diameter from its gauge;
 * cement trocars also get the pedicle-breach check. A HIFU beam and an embolization catheter are not
 * straight needles and give no reports.
 */
export function checkDevicePaths(
  volume: LabelVolume,
  device: Device,
  options: Omit<TrajectoryOptions, 'deviceDiameterMm' | 'checkPedicleBreach'> = {},
): DevicePathReport[] {
  const one = (
    needleId: string | null,
    entryMm: Device['entryMm'],
    tipMm: Device['tipMm'],
    gauge: number,
    isTrocar = false,
  ): DevicePathReport => ({
    deviceId: device.id,
    needleId,
    report: marchTrajectory(volume, entryMm, tipMm, {
      ...options,
      deviceDiameterMm: gaugeOuterDiameterMm(gauge),
      checkPedicleBreach: isTrocar,
    }),
  })
  switch (device.kind) {
    case 'rfProbe':
    case 'mwAntenna':
      return [one(null, device.entryMm, device.tipMm, device.gauge)]
    case 'cementTrocar':
      return [one(null, device.entryMm, device.tipMm, device.gauge, true)]
    case 'cryoprobeSet':
      return device.probes.map((p) => one(p.id, p.entryMm, p.tipMm, p.gauge))
    case 'ectElectrodeSet':
      return device.electrodes.map((e) => one(e.id, e.entryMm, e.tipMm, device.gauge))
    case 'hifuTransducer':
    case 'embolizationCatheter':
      return []
    default:
      return exhaustive(device, 'device kind')
  }
}
