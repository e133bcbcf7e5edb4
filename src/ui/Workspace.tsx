import { useCallback } from 'react'
import { MprViewport, NeedleViews, VolumeRenderView, type MprOrientation } from '../imaging'
import { SceneCanvas } from '../scene'
import { appStore, useAppStore } from '../store/appStore'
import { getVolume } from '../store/volumeRegistry'
import { ErrorBoundary } from './ErrorBoundary'
import { EducatorLayer } from './educator/EducatorLayer'
import { CameraPresetBar } from './scene/CameraPresetBar'

const MPR: readonly MprOrientation[] = ['axial', 'sagittal', 'coronal']

const getCrosshair = () => appStore.getState().crosshairMm
const subscribeCrosshair = (cb: () => void) =>
  appStore.subscribe((s, prev) => {
    if (s.crosshairMm !== prev.crosshairMm) cb()
  })

/** The four-panel workspace: axial, sagittal, coronal and 3D. */
export function Workspace() {
  const volumeId = useAppStore((s) => s.volumeId)
  const volumeRendering = useAppStore((s) => s.showVolumeRendering)
  const onPick = useCallback(
    (p: readonly [number, number, number]) => appStore.getState().setCrosshair(p),
    [],
  )
  const onError = useCallback((m: string) => appStore.getState().showError(m), [])
  // Educator mode's presentation layout and step-through are CSS on these classes (styles.css).
  const educator = useAppStore((s) =>
    s.educatorMode
      ? `workspace educator-presenting${s.highContrast ? ' high-contrast' : ''}${s.stepThrough ? ' stepping' : ''}`
      : 'workspace',
  )
  return (
    <main className={educator}>
      {MPR.map((o) => (
        <ErrorBoundary key={o} area={`the ${o} view`} onError={onError}>
          <MprViewport
            orientation={o}
            getCrosshair={getCrosshair}
            subscribeCrosshair={subscribeCrosshair}
            onPick={onPick}
            onError={onError}
          />
        </ErrorBoundary>
      ))}
      <ErrorBoundary area="the 3D view" onError={onError}>
        <div className="viewport viewport-3d" data-testid="viewport-3d">
          {volumeRendering ? (
            <VolumeRenderView onError={onError} />
          ) : (
            <SceneCanvas volume={getVolume(volumeId)} />
          )}
          <div className="viewport-title">3D</div>
          <CameraPresetBar />
        </div>
      </ErrorBoundary>
      <ErrorBoundary area="the needle views" onError={onError}>
        <NeedleViews />
      </ErrorBoundary>
      <EducatorLayer />
    </main>
  )
}
