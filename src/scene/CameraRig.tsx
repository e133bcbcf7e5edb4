/** Frames the volume and applies camera presets (AP, PA, left/right lateral, axial from the feet). */
import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import type { PerspectiveCamera, OrthographicCamera } from 'three'
import type { CameraPreset } from '../store/slices/meshSlice'
import { useAppStore } from '../store/appStore'

/** Camera direction (from target to camera) and up vector per preset, in LPS/scene axes. */
const PRESETS: Record<
  CameraPreset,
  { dir: [number, number, number]; up: [number, number, number] }
> = {
  AP: { dir: [0, -1, 0], up: [0, 0, 1] },
  PA: { dir: [0, 1, 0], up: [0, 0, 1] },
  LL: { dir: [1, 0, 0], up: [0, 0, 1] },
  RL: { dir: [-1, 0, 0], up: [0, 0, 1] },
  // From the feet with anterior up, as axial CT is read: patient's right on the viewer's left.
  feet: { dir: [0, 0, -1], up: [0, -1, 0] },
}

/** Moves the camera when the preset or the volume changes. */
export function CameraRig({ extent }: { extent: number }) {
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const preset = useAppStore((s) => s.cameraPreset)
  useEffect(() => {
    placeCamera(camera, PRESETS[preset.preset], extent)
    invalidate()
  }, [camera, invalidate, preset, extent])
  return null
}

/** Puts the camera on the preset's axis at a distance that frames `extent` mm. Mutates `camera`. */
function placeCamera(
  camera: PerspectiveCamera | OrthographicCamera,
  p: { dir: [number, number, number]; up: [number, number, number] },
  extent: number,
): void {
  const d = 1.7 * extent
  camera.position.set(p.dir[0] * d, p.dir[1] * d, p.dir[2] * d)
  camera.up.set(...p.up)
  camera.near = Math.max(0.5, extent / 500)
  camera.far = 20 * extent
  camera.lookAt(0, 0, 0)
  camera.updateProjectionMatrix()
}
