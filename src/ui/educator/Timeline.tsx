/** The plan's undo history as a replayable timeline: every step is a button; Replay plays them in order. */
import { useEffect, useRef } from 'react'
import { appStore, useAppStore } from '../../store/appStore'

export function Timeline() {
  const history = useAppStore((s) => s.history)
  const index = useAppStore((s) => s.historyIndex)
  const replay = useAppStore((s) => s.timelineReplay)
  const listRef = useRef<HTMLOListElement>(null)
  const s = appStore.getState()
  useEffect(() => {
    listRef.current
      ?.querySelector('[aria-current="step"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [index])
  const isPlaying = replay?.playing ?? false
  return (
    <section
      className="educator-timeline"
      data-testid="educator-timeline"
      aria-label="Plan history"
    >
      <button
        type="button"
        data-testid="timeline-play"
        aria-pressed={isPlaying}
        onClick={() => (replay ? s.stopTimelineReplay() : s.startTimelineReplay())}
      >
        {replay ? 'Stop replay' : 'Replay history'}
      </button>
      <ol ref={listRef} data-index={index}>
        {history.map((h, i) => (
          <li key={i}>
            <button
              type="button"
              aria-current={i === index ? 'step' : undefined}
              className={i > index ? 'is-undone' : undefined}
              onClick={() => {
                s.stopTimelineReplay()
                s.goToHistory(i)
              }}
            >
              {i + 1}. {h.label}
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
