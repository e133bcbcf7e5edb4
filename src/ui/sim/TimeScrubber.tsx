import { useEffect } from 'react'
import { appStore, useAppStore } from '../../store/appStore'

/** Seconds as m:ss. */
export const clock = (s: number) =>
  `${Math.floor(s / 60)}:${Math.floor(s % 60)
    .toString()
    .padStart(2, '0')}`

/**
 * The shared time scrubber of time-resolved simulations: a slider over [0, durationS] and play/pause
 * (plays the whole duration in about `playSeconds` of wall time).
 */
export function TimeScrubber({
  durationS,
  playSeconds = 8,
}: {
  durationS: number
  playSeconds?: number
}) {
  const t = useAppStore((s) => s.simTimeS)
  const playing = useAppStore((s) => s.simPlaying)
  useEffect(() => {
    if (!playing) return
    let last = performance.now()
    let raf = requestAnimationFrame(function tick(now) {
      const s = appStore.getState()
      const next = s.simTimeS + ((now - last) / 1000) * (durationS / playSeconds)
      last = now
      if (next >= durationS) {
        s.setSimTime(durationS)
        s.setSimPlaying(false)
        return
      }
      s.setSimTime(next)
      raf = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(raf)
  }, [playing, durationS, playSeconds])
  if (durationS <= 0) return null
  const s = appStore.getState()
  return (
    <div className="sim-scrubber">
      <button
        type="button"
        data-testid="sim-play"
        aria-label={playing ? 'Pause' : 'Play'}
        onClick={() => {
          if (!playing && t >= durationS) s.setSimTime(0)
          s.setSimPlaying(!playing)
        }}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        data-testid="sim-scrubber"
        aria-label="Simulated time"
        min={0}
        max={durationS}
        step={durationS / 200}
        value={Math.min(t, durationS)}
        onChange={(e) => {
          s.setSimPlaying(false)
          s.setSimTime(Number(e.target.value))
        }}
      />
      <output data-testid="sim-time">
        {clock(Math.min(t, durationS))} / {clock(durationS)}
      </output>
    </div>
  )
}
