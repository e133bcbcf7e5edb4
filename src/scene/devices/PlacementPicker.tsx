/**
 * Placing devices in 3-D: while a placement is active, a click (not an orbit drag) on a shown slice plane
 * or on an opaque structure surface (bone, vessels, cord) adds the point under the pointer, as a click in
 * an MPR view does. Translucent shells (skin, CSF) are looked through. The first point shows as a marker.
 */
import { useThree } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import { Mesh, Raycaster, Vector2, type Material, type Object3D } from 'three'
import { lpsToScene, sceneToLps, type SceneFrame } from '../../lib/sceneFrame'
import { appStore, useAppStore } from '../../store/appStore'

/** Pointer travel below which a press counts as a click, px. */
const CLICK_SLOP_PX = 4
/** Names of the meshes a placement click can land on. */
const PICKABLE = /^(slice-plane-|mesh-)/

/** True when the object and all its ancestors are visible and its material is not a see-through shell. */
function isPickable(o: Object3D): boolean {
  for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false
  const m = o instanceof Mesh ? (o.material as Material) : null
  return !m || !m.transparent || m.opacity >= 0.5
}

/** Adds placement points from clicks on the slice planes; shows the first point. */
export function PlacementPicker({ frame }: { frame: SceneFrame }) {
  const camera = useThree((s) => s.camera)
  const scene = useThree((s) => s.scene)
  const dom = useThree((s) => s.gl.domElement)
  const invalidate = useThree((s) => s.invalidate)
  const firstMm = useAppStore((s) => s.placement?.firstMm ?? null)
  const raycaster = useMemo(() => new Raycaster(), [])

  useEffect(() => {
    let down: [number, number] | null = null
    const onDown = (e: PointerEvent) => {
      down = e.button === 0 && appStore.getState().placement ? [e.clientX, e.clientY] : null
    }
    const onUp = (e: PointerEvent) => {
      if (!down || e.button !== 0) return
      const moved = Math.hypot(e.clientX - down[0], e.clientY - down[1])
      down = null
      if (moved > CLICK_SLOP_PX || !appStore.getState().placement) return
      const r = dom.getBoundingClientRect()
      const ndc = new Vector2(
        ((e.clientX - r.left) / r.width) * 2 - 1,
        -((e.clientY - r.top) / r.height) * 2 + 1,
      )
      raycaster.setFromCamera(ndc, camera)
      const targets: Object3D[] = []
      scene.traverse((o) => {
        if (PICKABLE.test(o.name) && isPickable(o)) targets.push(o)
      })
      const hit = raycaster.intersectObjects(targets, false)[0]
      if (!hit) return
      appStore.getState().placePoint(sceneToLps(frame, [hit.point.x, hit.point.y, hit.point.z]))
    }
    dom.addEventListener('pointerdown', onDown)
    dom.addEventListener('pointerup', onUp)
    return () => {
      dom.removeEventListener('pointerdown', onDown)
      dom.removeEventListener('pointerup', onUp)
    }
  }, [camera, scene, dom, frame, raycaster])

  useEffect(() => invalidate(), [firstMm, invalidate])

  if (!firstMm) return null
  const p = lpsToScene(frame, firstMm)
  return (
    <mesh position={[p[0], p[1], p[2]]} name="placement-first-point">
      <sphereGeometry args={[2.5, 16, 12]} />
      <meshBasicMaterial color="#4cc3ff" />
    </mesh>
  )
}
