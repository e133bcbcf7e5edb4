/**
 * The educator's clock: while a step-through or a timeline replay plays, calls `tickEducator` every
 * animation frame with the elapsed wall-clock time. Per-frame values stay out of React (STYLE.md 3.6).
 */
import { useEffect } from 'react'
import { appStore, useAppStore } from '../../store/appStore'

export function useEducatorClock(): void {
  const isPlaying = useAppStore(
    (s) => (s.stepThrough?.playing ?? false) || (s.timelineReplay?.playing ?? false),
  )
  useEffect(() => {
    if (!isPlaying) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      appStore.getState().tickEducator((now - last) / 1000)
      last = now
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [isPlaying])
}
