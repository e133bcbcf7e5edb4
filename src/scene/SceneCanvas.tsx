/**
 * The 3-D view: the patient frame with the MPR slice planes (and, as they land, bone, structures and
 * devices). Renders on demand; the camera looks from anterior with the patient's head up.
 */
import { Canvas } from '@react-three/fiber'
import { useMemo } from 'react'
import type { CtVolume } from '../cases/volume'
import { SCENE_UP, type SceneFrame } from '../lib/sceneFrame'
import { centerWorld } from '../lib/space'
import { Devices } from './devices/Devices'
import { OrbitControlsR3f } from './OrbitControlsR3f'
import { SlicePlanes } from './SlicePlanes'

const ORIGIN = [0, 0, 0] as const

/** The 3-D scene for a volume. */
export function SceneCanvas({ volume }: { volume: CtVolume | undefined }) {
  const frame = useMemo<SceneFrame | null>(
    () => (volume ? { centreMm: centerWorld(volume.geometry) } : null),
    [volume],
  )
  const extent = volume
    ? Math.max(...volume.geometry.dims.map((d, a) => d * volume.geometry.spacingMm[a]!))
    : 300
  return (
    <Canvas
      frameloop="demand"
      camera={{
        position: [0, -1.6 * extent, 0.25 * extent],
        up: [...SCENE_UP],
        fov: 40,
        near: 1,
        far: 10 * extent,
      }}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      onCreated={({ camera }) => camera.lookAt(0, 0, 0)}
    >
      <color attach="background" args={['#0b0e13']} />
      <ambientLight intensity={0.6} />
      <directionalLight position={[extent, -extent, extent]} intensity={1.2} />
      <OrbitControlsR3f target={ORIGIN} />
      {volume && frame ? <SlicePlanes volume={volume} frame={frame} visible /> : null}
      {frame ? <Devices frame={frame} /> : null}
    </Canvas>
  )
}
