import { STRUCTURES } from '../../lib/anatomy'
import { appStore, useAppStore } from '../../store/appStore'
import type { AuthorTool } from '../../store/slices/authoringSlice'

const TOOLS: { id: AuthorTool; name: string; hint: string }[] = [
  { id: 'sphere', name: 'Sphere', hint: 'marks a ball of the radius around the crosshair' },
  {
    id: 'brush',
    name: 'Brush (axial)',
    hint: 'marks a disc of the radius in the crosshair’s axial slice',
  },
  {
    id: 'threshold',
    name: 'Threshold fill',
    hint: 'grows from the crosshair through voxels in the HU window, within the radius',
  },
]

/** Downloads bytes as a file (nothing is sent anywhere). */
function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
  )
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** What is marked so far, with voxel counts. */
function MarkedList() {
  const counts = useAppStore((s) => s.authorCounts)
  const marked = Object.entries(counts)
  return (
    <ul className="author-marked" data-testid="author-marked">
      {marked.length === 0 ? <li>Nothing marked yet.</li> : null}
      {marked.map(([id, n]) => {
        const x = STRUCTURES.find((t) => t.id === Number(id))
        return (
          <li key={id} data-label={id}>
            <span className="swatch" style={{ background: x?.color }} /> {x?.name ?? id}: {n} voxels
          </li>
        )
      })}
    </ul>
  )
}

/** The marking tool. */
function ToolChoice() {
  const tool = useAppStore((s) => s.authorTool)
  const s = appStore.getState()
  return (
    <fieldset className="author-tools">
      <legend>Tool</legend>
      {TOOLS.map((t) => (
        <label key={t.id} title={t.hint}>
          <input
            type="radio"
            name="author-tool"
            data-testid={`author-tool-${t.id}`}
            checked={tool === t.id}
            onChange={() => s.setAuthor({ authorTool: t.id })}
          />
          {t.name}
        </label>
      ))}
    </fieldset>
  )
}

/** Structure, tool, radius, window, erase, mark, and what is marked. */
function AuthorToolsSection() {
  const label = useAppStore((s) => s.authorLabel)
  const tool = useAppStore((s) => s.authorTool)
  const radius = useAppStore((s) => s.authorRadiusMm)
  const win = useAppStore((s) => s.authorWindow)
  const erase = useAppStore((s) => s.authorErase)
  const s = appStore.getState()
  return (
    <>
      <label>
        Structure{' '}
        <select
          data-testid="author-label"
          value={label}
          onChange={(e) => s.setAuthor({ authorLabel: Number(e.target.value) })}
        >
          {STRUCTURES.filter((x) => x.id > 0).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <ToolChoice />
      <label>
        Radius (mm){' '}
        <input
          type="number"
          data-testid="author-radius"
          min={1}
          max={200}
          value={radius}
          onChange={(e) =>
            s.setAuthor({ authorRadiusMm: Math.min(200, Math.max(1, Number(e.target.value) || 1)) })
          }
        />
      </label>
      {tool === 'threshold' ? (
        <div className="author-window">
          HU window{' '}
          <input
            type="number"
            aria-label="Lowest HU"
            data-testid="author-hu-lo"
            value={win[0]}
            onChange={(e) => s.setAuthor({ authorWindow: [Number(e.target.value), win[1]] })}
          />
          –
          <input
            type="number"
            aria-label="Highest HU"
            data-testid="author-hu-hi"
            value={win[1]}
            onChange={(e) => s.setAuthor({ authorWindow: [win[0], Number(e.target.value)] })}
          />
        </div>
      ) : null}
      <label className="inline">
        <input
          type="checkbox"
          data-testid="author-erase"
          checked={erase}
          onChange={(e) => s.setAuthor({ authorErase: e.target.checked })}
        />
        Erase
      </label>
      <div className="button-row">
        <button type="button" data-testid="author-mark" onClick={() => s.markAtCrosshair()}>
          {erase ? 'Erase at crosshair' : 'Mark at crosshair'}
        </button>
      </div>
      <MarkedList />
    </>
  )
}

/** The briefing texts. */
function AuthorDraftFields() {
  const draft = useAppStore((s) => s.authorDraft)
  const s = appStore.getState()
  return (
    <>
      <label className="block">
        Title
        <input
          data-testid="author-title"
          value={draft.title}
          maxLength={120}
          onChange={(e) => s.setAuthorDraft({ title: e.target.value })}
        />
      </label>
      <label className="block">
        Briefing
        <textarea
          data-testid="author-briefing"
          rows={4}
          maxLength={4000}
          value={draft.briefing}
          onChange={(e) => s.setAuthorDraft({ briefing: e.target.value })}
        />
      </label>
      <label className="block">
        Question to the trainee
        <input
          data-testid="author-question"
          value={draft.question}
          maxLength={500}
          onChange={(e) => s.setAuthorDraft({ question: e.target.value })}
        />
      </label>
      <label className="block">
        Objectives (one per line)
        <textarea
          data-testid="author-objectives"
          rows={3}
          value={draft.objectives}
          onChange={(e) => s.setAuthorDraft({ objectives: e.target.value })}
        />
      </label>
    </>
  )
}

/**
 * Case authoring on the current scan (`data-testid="author-panel"`): mark structures with a sphere, an
 * axial brush or a threshold fill at the crosshair, write the briefing, and export a case package with the
 * current plan as its expert plan.
 */
export function AuthoringPanel() {
  const active = useAppStore((s) => s.authoring)
  const devices = useAppStore((s) => s.plan.devices.length)
  if (!active) return null
  const s = appStore.getState()
  return (
    <section
      className="panel-section author-panel"
      aria-labelledby="author-title"
      data-testid="author-panel"
    >
      <h2 id="author-title">Author a case</h2>
      <p className="hint">
        Mark the lesion and the critical structures, write the briefing, place the expert plan, then
        export the case package. Everything stays in this browser.
      </p>
      <AuthorToolsSection />
      <AuthorDraftFields />
      <p className="hint">
        Expert plan: the current plan ({devices} device{devices === 1 ? '' : 's'}). The rubric
        scores lesion coverage, safe needle paths and the distance to each marked critical
        structure.
      </p>
      <div className="button-row">
        <button
          type="button"
          data-testid="author-export"
          onClick={() =>
            void s.buildPackage().then((r) => {
              if (r.ok) download(r.bytes, r.fileName)
              else s.showError(`The case cannot be exported yet:\n${r.errors.join('\n')}`)
            })
          }
        >
          Export case package
        </button>
        <button type="button" data-testid="author-close" onClick={() => s.stopAuthoring()}>
          Close
        </button>
      </div>
    </section>
  )
}
