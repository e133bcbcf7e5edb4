/**
 * Case authoring on the current volume: marking structures (sphere, threshold fill, axial brush, erase),
 * the briefing, and exporting / importing case packages. The label volume being drawn lives here, outside
 * React state (`authorLabelsVersion` changes when it does); its marks are shown as overlays.
 */
import type { StateCreator } from 'zustand/vanilla'
import {
  labelCounts,
  labelExtent,
  markDisc,
  markOverlays,
  markSphere,
  markThreshold,
} from '../../cases/package/authorTools'
import type { CaseManifest } from '../../cases/package/manifest'
import { STRUCTURES, S, isTumourLabel } from '../../lib/anatomy'
import type { AppState } from '../appStore'
import { isPackageCaseId, listPackages, putPackage } from '../packageRegistry'
import { getVolume } from '../volumeRegistry'

export type AuthorTool = 'sphere' | 'threshold' | 'brush'

/** The author's text. */
export interface AuthorDraft {
  readonly id: string
  readonly title: string
  readonly briefing: string
  readonly question: string
  /** One objective per line. */
  readonly objectives: string
}

export interface AuthoringSlice {
  authoring: boolean
  authorLabel: number
  authorTool: AuthorTool
  authorRadiusMm: number
  authorWindow: readonly [number, number]
  authorErase: boolean
  authorDraft: AuthorDraft
  /** Bumped on every change of the label volume being drawn. */
  authorLabelsVersion: number
  /** Voxels per marked label. */
  authorCounts: Readonly<Record<number, number>>
  /** Packages opened this session: their case ids and titles (for the case picker). */
  packages: readonly { readonly caseId: string; readonly title: string }[]
  startAuthoring(): void
  stopAuthoring(): void
  setAuthor(
    patch: Partial<
      Pick<
        AuthoringSlice,
        'authorLabel' | 'authorTool' | 'authorRadiusMm' | 'authorWindow' | 'authorErase'
      >
    >,
  ): void
  setAuthorDraft(patch: Partial<AuthorDraft>): void
  /** Applies the current tool at the crosshair; returns the number of voxels changed. */
  markAtCrosshair(): number
  /** The package zip of the authored case, or the reasons it cannot be written yet. */
  buildPackage(): Promise<
    { ok: true; bytes: Uint8Array; fileName: string } | { ok: false; errors: string[] }
  >
  /** Reads a package file, registers it and opens it. */
  openPackage(bytes: Uint8Array, fileName: string): Promise<boolean>
}

let drawing: { volumeId: string; labels: Uint8Array } | null = null

/** The label volume being drawn (for tests and the package writer). */
export const authorLabels = (): Uint8Array | null => drawing?.labels ?? null

/** Rubric of an authored case: coverage, safe needle paths, and the distance to each critical structure. */
function defaultRubric(criticalKeys: readonly string[]): CaseManifest['rubric'] {
  const items: CaseManifest['rubric']['items'] = [
    {
      id: 'coverage',
      title: 'Lesion covered',
      points: 10,
      criterion: { metric: 'coveragePercent', op: '>=', value: 95, zeroAt: 80 },
    },
    {
      id: 'safe-paths',
      title: 'No critical finding on the needle paths',
      points: 5,
      criterion: { finding: 'critical', count: 0 },
    },
  ]
  for (const key of criticalKeys) {
    const name = STRUCTURES.find((x) => x.key === key)?.name ?? key
    items.push({
      id: `clear-${key}`.slice(0, 40),
      title: `The nerve-safety zone stays clear of: ${name}`.slice(0, 120),
      points: 5,
      criterion: { distance: key, op: '>=', value: 0 },
    })
  }
  return { items }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'authored-case'

export const createAuthoringSlice: StateCreator<AppState, [], [], AuthoringSlice> = (
  set,
  get,
  api,
) => {
  // The marks belong to the volume they were drawn on: another volume shown (a case or a package
  // opened) ends authoring and takes them off the views at once. The drawing itself is kept, so going
  // back to that volume and authoring again brings them back.
  api.subscribe((s, prev) => {
    if (s.volumeId === prev.volumeId || (!s.authoring && !s.staticOverlays.authoring)) return
    set({ authoring: false })
    get().setStaticOverlays('authoring', null)
  })
  const refresh = () => {
    if (!drawing) return
    const v = getVolume(drawing.volumeId)
    if (!v) return
    const counts = Object.fromEntries(labelCounts(drawing.labels))
    set({ authorLabelsVersion: get().authorLabelsVersion + 1, authorCounts: counts })
    get().setSimPreview('authoring', null)
    get().setStaticOverlays('authoring', markOverlays(drawing.labels, v.geometry))
  }
  return {
    authoring: false,
    authorLabel: S.tumourLytic,
    authorTool: 'sphere',
    authorRadiusMm: 8,
    authorWindow: [-20, 40],
    authorErase: false,
    authorDraft: { id: '', title: '', briefing: '', question: '', objectives: '' },
    authorLabelsVersion: 0,
    authorCounts: {},
    packages: [],

    startAuthoring() {
      const v = getVolume(get().volumeId)
      if (!v) return
      if (drawing?.volumeId !== v.id) {
        drawing = { volumeId: v.id, labels: new Uint8Array(v.ct.length) }
      }
      set({
        authoring: true,
        authorDraft: { ...get().authorDraft, title: get().authorDraft.title || v.name },
      })
      refresh()
    },
    stopAuthoring() {
      set({ authoring: false })
      get().setStaticOverlays('authoring', null)
    },
    setAuthor(patch) {
      set(patch)
    },
    setAuthorDraft(patch) {
      set({ authorDraft: { ...get().authorDraft, ...patch } })
    },

    markAtCrosshair() {
      const s = get()
      const v = getVolume(s.volumeId)
      if (!v || !drawing || drawing.volumeId !== v.id) return 0
      const m = { label: s.authorLabel, erase: s.authorErase }
      const c = s.crosshairMm
      const n =
        s.authorTool === 'sphere'
          ? markSphere(drawing.labels, v.geometry, c, s.authorRadiusMm, m)
          : s.authorTool === 'brush'
            ? markDisc(drawing.labels, v.geometry, c, s.authorRadiusMm, m)
            : markThreshold(
                drawing.labels,
                v.ct,
                v.geometry,
                c,
                s.authorWindow,
                s.authorRadiusMm,
                m,
              )
      if (n > 0) refresh()
      else if (s.authorTool === 'threshold' && !s.authorErase) {
        s.showError(
          `The HU at the crosshair is outside the fill window ${s.authorWindow[0]}…${s.authorWindow[1]} HU: nothing was marked.`,
        )
      }
      return n
    },

    async buildPackage() {
      const s = get()
      const v = getVolume(s.volumeId)
      if (!v || !drawing || drawing.volumeId !== v.id) {
        return { ok: false, errors: ['Start authoring on a loaded scan first.'] }
      }
      const counts = labelCounts(drawing.labels)
      const lesionLabels = [...counts.keys()].filter(isTumourLabel)
      if (lesionLabels.length === 0) {
        return { ok: false, errors: ['Mark the lesion (a tumour label) first.'] }
      }
      const d = s.authorDraft
      const lesions = lesionLabels.map((label, n) => {
        const e = labelExtent(drawing!.labels, v.geometry, label)!
        const name = STRUCTURES.find((x) => x.id === label)?.name ?? 'Lesion'
        return {
          id: `lesion-${n + 1}`,
          label,
          centreMm: e.centreMm as [number, number, number],
          sizeMm: Math.max(1, Math.round(e.sizeMm)),
          description: `${name}, about ${Math.round(e.sizeMm)} mm`,
        }
      })
      const structures = [...counts.keys()].map((label) => ({
        label,
        name: STRUCTURES.find((x) => x.id === label)?.name ?? `Label ${label}`,
      }))
      const criticalKeys = [...counts.keys()]
        .map((l) => STRUCTURES.find((x) => x.id === l))
        .filter((x) => x && x.criticality === 'critical')
        .map((x) => x!.key)
      const manifest: CaseManifest = {
        format: 'osteoplan-case',
        version: 1,
        id: slug(d.id || d.title),
        title: d.title.trim(),
        briefing: d.briefing.trim(),
        question: d.question.trim(),
        objectives: d.objectives
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
        lesions,
        structures,
        criticalKeys,
        rubric: defaultRubric(criticalKeys),
      }
      // The package code (DICOM writers, zip) loads only when a package is written or read.
      const { writeCasePackage } = await import('../../cases/package')
      const r = writeCasePackage({ ...v, labels: drawing.labels }, manifest, s.plan)
      return r.ok ? { ok: true, bytes: r.bytes, fileName: `${manifest.id}.osteoplan-case.zip` } : r
    },

    async openPackage(bytes, fileName) {
      // Let the status show before the (synchronous) unpacking.
      set({ status: 'loading', statusText: `Opening case package ${fileName}…` })
      await new Promise((r) => setTimeout(r, 0))
      const { readCasePackage } = await import('../../cases/package')
      const r = readCasePackage(bytes)
      if (!r.ok) {
        set({
          status: get().volumeId ? 'ready' : 'error',
          statusText: 'Could not open the package',
        })
        get().showError(`The case package ${fileName} was refused:\n${r.errors.join('\n')}`)
        return false
      }
      const caseId = putPackage(r.pkg)
      set({
        packages: listPackages().map((p) => ({
          caseId: `package:${p.manifest.id}`,
          title: p.manifest.title,
        })),
      })
      await get().openCase(caseId)
      return isPackageCaseId(get().caseId)
    },
  }
}
