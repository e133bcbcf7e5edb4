import { useAppStore } from '../store/appStore'

/** Matrix and voxel size of the current volume (`data-testid="volume-info"`). */
export function VolumeInfo() {
  const info = useAppStore((s) => s.volumeInfo)
  return (
    <div className="volume-info" data-testid="volume-info">
      {info}
    </div>
  )
}
