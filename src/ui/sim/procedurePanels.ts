/** Each procedure's own panel, shown under the common simulation controls. */
import type { ComponentType } from 'react'
import type { ProcedureId } from '../../cases/simulate'
import { CementPanel } from './cement/CementPanel'
import { EctPanel } from './ect/EctPanel'
import { EmbolizationPanel } from './embolization/EmbolizationPanel'
import { HifuPanel } from './hifu/HifuPanel'
import type { ProcedurePanelProps } from './procedurePanelProps'
import { ThermalPanel } from './thermal/ThermalPanel'

export const PROCEDURE_PANELS: Record<ProcedureId, ComponentType<ProcedurePanelProps>> = {
  thermal: ThermalPanel,
  cement: CementPanel,
  hifu: HifuPanel,
  ect: EctPanel,
  embolization: EmbolizationPanel,
}

export const PROCEDURE_NAMES: Record<ProcedureId, string> = {
  thermal: 'Thermal ablation',
  cement: 'Cementoplasty',
  hifu: 'MRgFUS / HIFU',
  ect: 'Electrochemotherapy',
  embolization: 'Embolization',
}
