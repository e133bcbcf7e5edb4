/**
 * The 3-D view: bone and structure meshes, the MPR slice planes and the plan's devices, in one patient
 * frame (LPS mm, origin at the volume centre). Renders on demand.
 */
import { Canvas } from '@react-three/fiber'
import { useMemo } from 'react'
import type { CtVolume } from '../cases/volume'
import { SCENE_UP, type SceneFrame } from '../lib/sceneFrame'
import { centerWorld } from '../lib/space'
import { useAppStore } from '../store/appStore'
import { CameraRig } from './CameraRig'
import { CrosshairMarker } from './CrosshairMarker'
import { Devices } from './devices/Devices'
import { GhostDevices } from './devices/GhostDevices'
import { OrbitControlsR3f } from './OrbitControlsR3f'
import { SimOverlays } from './sim/SimOverlays'
import { SlicePlanes } from './SlicePlanes'
import { StructureMeshes } from './StructureMeshes'

const ORIGIN = [0, 0, 0] as const

/** The 3-D scene for a volume. */
export function SceneCanvas({ volume }: { volume: CtVolume | undefined }) {
  const frame = useMemo<SceneFrame | null>(
    () => (volume ? { centreMm: centerWorld(volume.geometry) } : null),
    [volume],
  )
  const showPlanes = useAppStore((s) => s.showSlicePlanes)
  // A step-through draws the plan's devices itself (as far as they are inserted).
  const isStepping = useAppStore((s) => s.stepThrough !== null)
  const extent = volume
    ? Math.max(...volume.geometry.dims.map((d, a) => d * volume.geometry.spacingMm[a]!))
    : 300
  return (
    <Canvas
      frameloop="demand"
      camera={{
        position: [0, -1.7 * extent, 0],
        up: [...SCENE_UP],
        fov: 40,
        near: 1,
        far: 20 * extent,
      }}
      gl={{ antialias: true, preserveDrawingBuffer: true }}
      onCreated={({ gl }) => {
        gl.localClippingEnabled = true
      }}
    >
      <color attach="background" args={['#0b0e13']} />
      <hemisphereLight args={['#ffffff', '#30343a', 0.9]} />
      <directionalLight position={[extent, -extent, extent]} intensity={1.4} />
      <directionalLight position={[-extent, extent, -extent * 0.5]} intensity={0.5} />
      <CameraRig extent={extent} />
      <OrbitControlsR3f target={ORIGIN} />
      {volume && frame ? <SlicePlanes volume={volume} frame={frame} visible={showPlanes} /> : null}
      {frame ? <StructureMeshes frame={frame} /> : null}
      <group visible={!isStepping}>{frame ? <Devices frame={frame} /> : null}</group>
      {frame ? <GhostDevices frame={frame} /> : null}
      {frame ? <SimOverlays frame={frame} /> : null}
      {frame ? <CrosshairMarker frame={frame} /> : null}
    </Canvas>
  )
}
