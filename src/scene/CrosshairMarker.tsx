/** The MPR crosshair in 3-D: a small sphere with three short axis lines, coloured like the views. */
import { useAppStore } from '../store/appStore'
import type { SceneFrame } from '../lib/sceneFrame'
import { lpsToScene } from '../lib/sceneFrame'

const ARM = 20

/** Marker at the store's crosshair. */
export function CrosshairMarker({ frame }: { frame: SceneFrame }) {
  const p = useAppStore((s) => s.crosshairMm)
  const q = lpsToScene(frame, p)
  return (
    <group position={[q[0], q[1], q[2]]} name="crosshair-marker" renderOrder={10}>
      <mesh>
        <sphereGeometry args={[3, 16, 12]} />
        <meshBasicMaterial color="#ffffff" depthTest={false} />
      </mesh>
      <mesh rotation={[0, 0, Math.PI / 2]}>
        <cylinderGeometry args={[0.6, 0.6, 2 * ARM, 6]} />
        <meshBasicMaterial color="#f5d442" depthTest={false} />
      </mesh>
      <mesh>
        <cylinderGeometry args={[0.6, 0.6, 2 * ARM, 6]} />
        <meshBasicMaterial color="#4cc3ff" depthTest={false} />
      </mesh>
      <mesh rotation={[Math.PI / 2, 0, 0]}>
        <cylinderGeometry args={[0.6, 0.6, 2 * ARM, 6]} />
        <meshBasicMaterial color="#ff5a5a" depthTest={false} />
      </mesh>
    </group>
  )
}
