/**
 * The 3D panel's volume-rendering mode: a Cornerstone VOLUME_3D view of the current CT. The element
 * reports `data-state="rendered"` and `data-frames` (frames drawn) once Cornerstone has drawn it, so
 * browser flows can wait for it.
 */
import { useEffect, useRef } from 'react'
import { requestMprResize } from './mprController'
import { attachVolumeRendering, detachVolumeRendering } from './volumeRendering'

/** A volume rendering (bone transfer function, `VR_PRESET`) filling its parent. */
export function VolumeRenderView({ onError }: { onError: (message: string) => void }) {
  const elementRef = useRef<HTMLDivElement>(null)
  const onErrorRef = useRef(onError)
  useEffect(() => {
    onErrorRef.current = onError
  })

  useEffect(() => {
    const element = elementRef.current
    if (!element) return
    let cancelled = false
    let frames = 0
    const onRendered = () => {
      frames++
      element.dataset.state = 'rendered'
      element.dataset.frames = String(frames)
    }
    element.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered)
    attachVolumeRendering(element).catch((e: unknown) => {
      if (cancelled) return
      onErrorRef.current(
        `The volume rendering could not start: ${e instanceof Error ? e.message : String(e)}`,
      )
    })
    // The canvas must follow its element (the needle views or the side panel change the layout).
    const ro = new ResizeObserver(() => requestMprResize())
    ro.observe(element)
    return () => {
      cancelled = true
      ro.disconnect()
      element.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered)
      detachVolumeRendering()
    }
  }, [])

  return (
    <div
      className="viewport-element"
      ref={elementRef}
      data-testid="volume-rendering"
      data-state="loading"
      onContextMenu={(e) => e.preventDefault()}
    />
  )
}
