import { useAppStore } from '../../store/appStore'

/** Number of meshes and triangles (`data-testid="mesh-info"`), or extraction progress. */
export function MeshInfo() {
  const status = useAppStore((s) => s.meshStatus)
  const progress = useAppStore((s) => s.meshProgress)
  const count = useAppStore((s) => s.meshCount)
  const triangles = useAppStore((s) => s.triangleCount)
  const text =
    status === 'extracting'
      ? `Building 3D model… ${Math.round(progress * 100)}%`
      : status === 'ready'
        ? `${count} meshes · ${triangles.toLocaleString('en-US')} triangles`
        : status === 'error'
          ? '3D model unavailable'
          : ''
  return (
    <div
      className="mesh-info"
      data-testid="mesh-info"
      data-state={status}
      data-meshes={count}
      data-triangles={triangles}
    >
      {text}
      {status === 'extracting' ? <progress max={1} value={progress} /> : null}
    </div>
  )
}
