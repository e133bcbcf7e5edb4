/** Plan title, undo/redo, new, save, load and share. */
import { useRef } from 'react'
import { appStore, useAppStore } from '../../store/appStore'
import { DraftInput } from './DraftInput'
import { downloadPlan, openPlanFile } from './planFiles'
import { SharePlan } from './SharePlan'

/** Toolbar (`plan-title`, `plan-undo`, `plan-redo`, `plan-new`, `plan-save`, `plan-load`, `plan-share`). */
export function PlanToolbar() {
  const title = useAppStore((s) => s.plan.title)
  const canUndo = useAppStore((s) => s.historyIndex > 0)
  const canRedo = useAppStore((s) => s.historyIndex < s.history.length - 1)
  const fileInput = useRef<HTMLInputElement>(null)
  const s = appStore.getState()
  return (
    <div className="plan-toolbar">
      <DraftInput
        label="Plan title"
        value={title}
        maxLength={120}
        testId="plan-title"
        onCommit={(draft) => {
          const r = appStore.getState().setPlanTitle(draft)
          return r.ok ? null : r.errors
        }}
      />
      <div className="button-row">
        <button
          type="button"
          data-testid="plan-undo"
          disabled={!canUndo}
          title="Undo (Ctrl+Z)"
          onClick={() => s.undo()}
        >
          Undo
        </button>
        <button
          type="button"
          data-testid="plan-redo"
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
          onClick={() => s.redo()}
        >
          Redo
        </button>
        <button
          type="button"
          data-testid="plan-new"
          title="Start an empty plan"
          onClick={() => s.newPlan()}
        >
          New
        </button>
        <button
          type="button"
          data-testid="plan-save"
          title="Download the plan as .osteoplan.json"
          onClick={() => downloadPlan(appStore.getState().plan)}
        >
          Save
        </button>
        <button
          type="button"
          data-testid="plan-load"
          title="Open a .osteoplan.json file"
          onClick={() => fileInput.current?.click()}
        >
          Load…
        </button>
        <SharePlan />
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="plan-load-input"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void openPlanFile(file)
          }}
        />
      </div>
    </div>
  )
}
