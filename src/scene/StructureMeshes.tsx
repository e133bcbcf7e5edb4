/**
 * The extracted bone and structure meshes, in the scene frame. Geometry is built once per extraction;
 * display settings (visibility, opacity, clipping) update materials without rebuilding geometry. A click
 * on a surface moves the crosshair there.
 */
import { useThree, type ThreeEvent } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import { BufferAttribute, BufferGeometry, DoubleSide, FrontSide, Plane, Vector3 } from 'three'
import type { SceneFrame } from '../lib/sceneFrame'
import { lpsToScene, sceneToLps } from '../lib/sceneFrame'
import { appStore, useAppStore } from '../store/appStore'
import { getMeshes } from '../store/meshRegistry'

interface Built {
  readonly id: string
  readonly geometry: BufferGeometry
}

function buildGeometry(
  positions: Float32Array,
  normals: Float32Array,
  indices: Uint32Array,
  frame: SceneFrame,
): BufferGeometry {
  const p = new Float32Array(positions.length)
  const c = frame.centreMm
  for (let n = 0; n < positions.length; n += 3) {
    p[n] = positions[n]! - c[0]
    p[n + 1] = positions[n + 1]! - c[1]
    p[n + 2] = positions[n + 2]! - c[2]
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new BufferAttribute(p, 3))
  g.setAttribute('normal', new BufferAttribute(normals, 3))
  g.setIndex(new BufferAttribute(indices, 1))
  g.computeBoundingSphere()
  return g
}

/** Meshes of the current volume's structures. */
export function StructureMeshes({ frame }: { frame: SceneFrame }) {
  const version = useAppStore((s) => s.meshVersion)
  const display = useAppStore((s) => s.meshDisplay)
  const clip = useAppStore((s) => s.clipAtSlice)
  const crosshairZ = useAppStore((s) => s.crosshairMm[2])
  const invalidate = useThree((s) => s.invalidate)
  const built = useMemo<Built[]>(
    () =>
      version >= 0
        ? getMeshes().map((m) => ({
            id: m.id,
            geometry: buildGeometry(m.mesh.positions, m.mesh.normals, m.mesh.indices, frame),
          }))
        : [],
    [version, frame],
  )
  useEffect(() => () => built.forEach((b) => b.geometry.dispose()), [built])
  // Keep everything inferior to the axial crosshair plane: the plane's normal points down (−S).
  const planes = useMemo(
    () =>
      clip ? [new Plane(new Vector3(0, 0, -1), lpsToScene(frame, [0, 0, crosshairZ])[2])] : [],
    [clip, crosshairZ, frame],
  )
  useEffect(() => invalidate(), [display, planes, built, invalidate])

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    // Only a click (not an orbit drag) picks: R3F reports the pointer travel in `delta` (px).
    if (e.delta > 3) return
    e.stopPropagation()
    const p = sceneToLps(frame, [e.point.x, e.point.y, e.point.z])
    appStore.getState().setCrosshair(p)
  }

  return (
    <group name="structures">
      {built.map((b) => {
        const d = display[b.id]
        if (!d?.visible) return null
        const translucent = d.opacity < 0.999
        // Translucent shells (skin, CSF) take no clicks, so a click reaches the bone inside them.
        return (
          <mesh
            key={b.id}
            name={`mesh-${b.id}`}
            geometry={b.geometry}
            onClick={d.opacity >= 0.5 ? onClick : undefined}
            renderOrder={translucent ? 2 : 1}
          >
            <meshStandardMaterial
              color={d.color}
              roughness={0.7}
              metalness={0}
              transparent={translucent}
              opacity={d.opacity}
              depthWrite={!translucent}
              side={translucent ? FrontSide : DoubleSide}
              clippingPlanes={planes}
            />
          </mesh>
        )
      })}
    </group>
  )
}
