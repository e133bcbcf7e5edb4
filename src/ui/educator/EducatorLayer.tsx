/**
 * Educator mode's layer over the workspace (`educator-layer`): annotations and the laser pointer; and a
 * control bar (a row of the workspace's grid, under the views) with the tools, the step-through, the plan comparison, the history timeline and reports.
 * The presentation layout itself (large views, the app's controls hidden, thicker device lines) is CSS
 * keyed on the workspace's classes. Esc leaves educator mode.
 */
import { useEffect, useState } from 'react'
import { appStore, useAppStore } from '../../store/appStore'
import { STROKE_COLORS, type EducatorTool } from '../../store/slices/educatorSlice'
import { ReportButtons } from '../report/ReportButtons'
import { Annotations } from './Annotations'
import { ComparePanel } from './ComparePanel'
import { StepThroughControls } from './StepThroughControls'
import { Timeline } from './Timeline'
import { useEducatorClock } from './useEducatorClock'

type Tab = 'steps' | 'compare' | 'history' | 'report'
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'steps', label: 'Step-through' },
  { id: 'compare', label: 'Compare' },
  { id: 'history', label: 'History' },
  { id: 'report', label: 'Report & video' },
]
const TOOLS: readonly { id: EducatorTool; label: string }[] = [
  { id: 'none', label: 'Use the views' },
  { id: 'laser', label: 'Laser pointer' },
  { id: 'draw', label: 'Draw' },
]

/** Esc leaves educator mode (unless typing in a field). */
function useEscLeaves(on: boolean): void {
  useEffect(() => {
    if (!on) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      const t = e.target
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return
      appStore.getState().setEducatorMode(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [on])
}

function Tools() {
  const tool = useAppStore((s) => s.educatorTool)
  const color = useAppStore((s) => s.strokeColor)
  const highContrast = useAppStore((s) => s.highContrast)
  const strokes = useAppStore((s) => s.annotations.length)
  const s = appStore.getState()
  return (
    <div className="educator-row" role="group" aria-label="Pointer tools">
      {TOOLS.map((t) => (
        <button
          key={t.id}
          type="button"
          data-testid={`educator-tool-${t.id}`}
          aria-pressed={tool === t.id}
          onClick={() => s.setEducatorTool(t.id)}
        >
          {t.label}
        </button>
      ))}
      {STROKE_COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className="stroke-swatch"
          style={{ background: c }}
          aria-label={`Ink colour ${c}`}
          aria-pressed={color === c}
          onClick={() => s.setStrokeColor(c)}
        />
      ))}
      <button
        type="button"
        data-testid="educator-clear"
        disabled={strokes === 0}
        onClick={() => s.clearAnnotations()}
      >
        Clear drawings
      </button>
      <label className="educator-check">
        <input
          type="checkbox"
          data-testid="educator-contrast"
          checked={highContrast}
          onChange={(e) => s.setHighContrast(e.target.checked)}
        />
        High contrast
      </label>
    </div>
  )
}

/** The layer, when educator mode is on. */
export function EducatorLayer() {
  const on = useAppStore((s) => s.educatorMode)
  const tool = useAppStore((s) => s.educatorTool)
  const [tab, setTab] = useState<Tab>('steps')
  useEducatorClock()
  useEscLeaves(on)
  if (!on) return null
  return (
    <>
      <div className="educator-layer" data-testid="educator-layer" data-tool={tool}>
        <Annotations />
      </div>
      <div className="educator-bar" data-testid="educator-bar">
        <Tools />
        <div className="educator-tabs" role="tablist" aria-label="Educator panels">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`educator-tab-${t.id}`}
              data-testid={`educator-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="educator-tabpanel"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          className="educator-tabpanel"
          id="educator-tabpanel"
          role="tabpanel"
          aria-labelledby={`educator-tab-${tab}`}
        >
          {tab === 'steps' ? <StepThroughControls /> : null}
          {tab === 'compare' ? <ComparePanel /> : null}
          {tab === 'history' ? <Timeline /> : null}
          {tab === 'report' ? <ReportButtons /> : null}
        </div>
      </div>
    </>
  )
}
