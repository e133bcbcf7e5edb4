/** Which procedure a device belongs to (no simulator code: safe for the UI bundle). */
import type { Device } from '../../plan'
import type { ProcedureId } from './types'

/** The procedure a device belongs to. */
export function procedureOf(kind: Device['kind']): ProcedureId {
  switch (kind) {
    case 'rfProbe':
    case 'mwAntenna':
    case 'cryoprobeSet':
      return 'thermal'
    case 'cementTrocar':
      return 'cement'
    case 'hifuTransducer':
      return 'hifu'
    case 'ectElectrodeSet':
      return 'ect'
    case 'embolizationCatheter':
      return 'embolization'
  }
}
