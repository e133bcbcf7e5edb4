import { appStore, useAppStore } from '../../store/appStore'
import type { CameraPreset } from '../../store/slices/meshSlice'

const PRESETS: readonly [CameraPreset, string, string][] = [
  ['AP', 'AP', 'From the front (anteroposterior)'],
  ['PA', 'PA', 'From the back (posteroanterior)'],
  ['LL', 'L lat', "From the patient's left"],
  ['RL', 'R lat', "From the patient's right"],
  ['feet', 'Feet', 'Axial, from the feet'],
]

/** Camera presets and view toggles shown over the 3D view. */
export function CameraPresetBar() {
  const planes = useAppStore((s) => s.showSlicePlanes)
  const clip = useAppStore((s) => s.clipAtSlice)
  const current = useAppStore((s) => s.cameraPreset.preset)
  const vr = useAppStore((s) => s.showVolumeRendering)
  const s = appStore.getState()
  return (
    <div className="scene-toolbar" role="toolbar" aria-label="3D view">
      {PRESETS.map(([p, label, title]) => (
        <button
          key={p}
          type="button"
          title={title}
          aria-pressed={current === p}
          disabled={vr}
          data-testid={`camera-${p}`}
          onClick={() => s.setCameraPreset(p)}
        >
          {label}
        </button>
      ))}
      <button
        type="button"
        aria-pressed={planes}
        data-testid="toggle-planes"
        disabled={vr}
        title="Show the MPR planes in 3D"
        onClick={() => s.toggleSlicePlanes()}
      >
        Planes
      </button>
      <button
        type="button"
        aria-pressed={clip}
        data-testid="toggle-clip"
        disabled={vr}
        title="Cut the model at the axial slice"
        onClick={() => s.toggleClip()}
      >
        Clip
      </button>
      <button
        type="button"
        aria-pressed={vr}
        data-testid="toggle-vr"
        title="Volume rendering of the CT (bone preset) instead of the surface model; slow without a GPU"
        onClick={() => s.toggleVolumeRendering()}
      >
        VR
      </button>
    </div>
  )
}
