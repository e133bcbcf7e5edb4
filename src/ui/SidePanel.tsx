import { AuthoringPanel } from './authoring/AuthoringPanel'
import { CaseBriefing } from './CaseBriefing'
import { CrosshairInput } from './CrosshairInput'
import { GuidedPanel } from './guided/GuidedPanel'
import { HuReadout } from './HuReadout'
import { StructurePanel } from './scene/StructurePanel'
import { PlanPanel } from './plan/PlanPanel'
import { ScorePanel } from './score/ScorePanel'
import { SimulationPanel } from './sim/SimulationPanel'
import { TargetsPanel } from './plan/TargetsPanel'
import { VolumeInfo } from './VolumeInfo'

/** Case briefing and readouts. */
export function SidePanel() {
  return (
    <aside className="side-panel" aria-label="Case and readouts">
      <GuidedPanel />
      <AuthoringPanel />
      <CaseBriefing />
      <PlanPanel />
      <TargetsPanel />
      <SimulationPanel />
      <ScorePanel />
      <section className="panel-section">
        <h2>Crosshair</h2>
        <HuReadout />
        <VolumeInfo />
        <CrosshairInput />
      </section>
      <StructurePanel />
      <section className="panel-section help">
        <h2>Mouse</h2>
        <p>
          Click: move crosshair · Left drag: window/level (Shift+left with a measuring tool) ·
          Middle drag: pan · Right drag: zoom · Wheel: scroll slices · ? lists the keys. 3D: drag to
          orbit, right-drag to pan, wheel to zoom, click a bone to move the crosshair.
        </p>
      </section>
    </aside>
  )
}
