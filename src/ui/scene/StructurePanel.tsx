import { useState } from 'react'
import { meshesToGlb, meshesToStl } from '../../scene'
import { appStore, useAppStore } from '../../store/appStore'
import { getMeshes } from '../../store/meshRegistry'
import { getVolume } from '../../store/volumeRegistry'
import { MeshInfo } from './MeshInfo'

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** 3D model: mesh info, per-structure visibility and opacity, bone threshold, STL/GLB export. */
export function StructurePanel() {
  const display = useAppStore((s) => s.meshDisplay)
  const threshold = useAppStore((s) => s.boneThresholdHu)
  const volumeId = useAppStore((s) => s.volumeId)
  const [draft, setDraft] = useState<number | null>(null)
  const hasLabels = Boolean(getVolume(volumeId)?.labels)
  const visible = () => getMeshes().filter((m) => display[m.id]?.visible)
  const s = appStore.getState()
  return (
    <section className="panel-section" aria-labelledby="model-title">
      <h2 id="model-title">3D model</h2>
      <MeshInfo />
      {!hasLabels ? (
        <label className="threshold">
          Bone threshold {draft ?? threshold} HU
          <input
            type="range"
            min={100}
            max={700}
            step={10}
            value={draft ?? threshold}
            data-testid="bone-threshold"
            onChange={(e) => setDraft(Number(e.target.value))}
            onPointerUp={() => draft !== null && s.setBoneThreshold(draft)}
            onKeyUp={() => draft !== null && s.setBoneThreshold(draft)}
          />
        </label>
      ) : null}
      <ul className="structure-list">
        {Object.entries(display).map(([id, d]) => (
          <li key={id}>
            <label>
              <input
                type="checkbox"
                checked={d.visible}
                data-testid={`show-${id}`}
                onChange={(e) => s.setMeshDisplay(id, { visible: e.target.checked })}
              />
              <span className="swatch" style={{ background: d.color }} /> {d.name}
            </label>
            <input
              type="range"
              min={0.05}
              max={1}
              step={0.05}
              value={d.opacity}
              aria-label={`${d.name} opacity`}
              onChange={(e) => s.setMeshDisplay(id, { opacity: Number(e.target.value) })}
            />
          </li>
        ))}
      </ul>
      <div className="export-row">
        <button
          type="button"
          data-testid="export-stl"
          onClick={() => download(meshesToStl(visible()), 'osteoplan-structures.stl')}
        >
          Export STL
        </button>
        <button
          type="button"
          data-testid="export-glb"
          onClick={() => {
            meshesToGlb(visible()).then(
              (b) => download(b, 'osteoplan-structures.glb'),
              (e: unknown) =>
                s.showError(
                  `The glTF export failed: ${e instanceof Error ? e.message : String(e)}`,
                ),
            )
          }}
        >
          Export glTF
        </button>
      </div>
    </section>
  )
}
