import type { StateCreator } from 'zustand/vanilla'
import { estimateVolumeBytes, type StackMode } from '../../cases/dicom/assembleVolume'
import type { DiscoveredSeries } from '../../cases/dicom/discoverSeries'
import { formatBytes } from '../../cases/dicom/dicomProblem'
import type { Thumbnail } from '../../cases/dicom/seriesThumbnail'
import type { AppState } from '../appStore'
import {
  beginSession,
  currentSession,
  endSession,
  sessionIf,
  type InputFile,
} from '../importSession'
import { discoverFiles, scrubSeriesFiles } from '../importSteps'
import { decodeChosenSeries, loadThumbnails, splitPhi } from '../importFlow'

/** Steps of loading the user's DICOM. */
export type ImportPhase = 'idle' | 'reading' | 'chooseSeries' | 'confirmPhi' | 'decoding'

/** A series offered to the user. */
export interface SeriesChoice {
  readonly index: number
  readonly description: string
  readonly modality: string
  readonly sliceCount: number
  readonly matrix: string
  readonly refusal: string | null
  readonly warnings: readonly string[]
  readonly needsResampling: boolean
  readonly estimateBytes: number
  readonly overBudget: boolean
}

/** One identifying attribute found, with a masked preview. */
export interface PhiItem {
  readonly name: string
  readonly tag: string
  readonly preview: string
}

/** In-memory volume budget before we offer to downsample: large CTs crash web viewers (issue #4). */
export const VOLUME_BUDGET_BYTES = 768 * 2 ** 20

/** Loading the user's DICOM files. */
export interface ImportSlice {
  importPhase: ImportPhase
  importProgress: { label: string; done: number; total: number } | null
  importSeries: readonly SeriesChoice[]
  /** Notes on files left out and on what was done. */
  importNotes: readonly string[]
  importPhi: readonly PhiItem[]
  /** Middle-slice previews of the offered series, by series index. */
  importThumbnails: Readonly<Record<number, Thumbnail>>
  /** Reads files (DICOM, folders' contents or .zip), finds the series and asks what it must. */
  importFiles(files: InputFile[]): Promise<void>
  /** Loads series `index` with the chosen options. */
  chooseSeries(index: number, options: { mode: StackMode; downsample: boolean }): Promise<void>
  /** Answers the PHI guard: scrub in memory and continue, or cancel. */
  answerPhi(scrub: boolean): Promise<void>
  cancelImport(): void
}

const toChoice = (s: DiscoveredSeries, index: number): SeriesChoice => {
  const estimateBytes = estimateVolumeBytes(s, false)
  return {
    index,
    description: s.description || '(no description)',
    modality: s.modality,
    sliceCount: s.sliceCount,
    matrix: `${s.columns}×${s.rows}`,
    refusal: s.refusal?.message ?? null,
    warnings: s.warnings.map((w) => w.message),
    needsResampling: s.needsResampling,
    estimateBytes,
    overBudget: estimateBytes > VOLUME_BUDGET_BYTES,
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export const createImportSlice: StateCreator<AppState, [], [], ImportSlice> = (set, get) => {
  let pendingOptions: { mode: StackMode; downsample: boolean } = {
    mode: 'resample',
    downsample: false,
  }

  const fail = (text: string) => {
    endSession()
    set({ importPhase: 'idle', importProgress: null })
    get().showError(text)
  }

  const decodeChosen = (id: number) => decodeChosenSeries(id, pendingOptions, set, get, fail)

  return {
    importPhase: 'idle',
    importProgress: null,
    importSeries: [],
    importNotes: [],
    importPhi: [],
    importThumbnails: {},

    async importFiles(files) {
      if (files.length === 0) return
      const session = beginSession(files)
      set({
        importPhase: 'reading',
        importThumbnails: {},
        importNotes: [],
        importPhi: [],
        importSeries: [],
        importProgress: { label: 'Reading files', done: 0, total: files.length },
      })
      try {
        const { discovery, notes } = await discoverFiles(session, (done, total) => {
          if (sessionIf(session.id)) {
            set({ importProgress: { label: 'Reading files', done, total } })
          }
        })
        if (!sessionIf(session.id)) return
        session.discovery = discovery
        const choices = discovery.series.map(toChoice)
        const excluded = discovery.excluded.map((x) => x.message)
        set({ importSeries: choices, importNotes: [...notes, ...excluded] })
        const usable = choices.filter((c) => c.refusal === null)
        if (usable.length === 0) {
          const reasons = [...choices.map((c) => c.refusal ?? ''), ...excluded].filter(Boolean)
          const more = reasons.length > 4 ? ` (and ${reasons.length - 4} more)` : ''
          fail(
            `No CT volume could be made from ${files.length} file(s): ${reasons.slice(0, 4).join(' ')}${more}`,
          )
          return
        }
        const only = usable[0]!
        if (
          usable.length === 1 &&
          choices.length === 1 &&
          !only.needsResampling &&
          !only.overBudget
        ) {
          await get().chooseSeries(only.index, { mode: 'resample', downsample: false })
        } else {
          set({ importPhase: 'chooseSeries', importProgress: null })
          void loadThumbnails(session.id, set)
        }
      } catch (e) {
        if (sessionIf(session.id)) fail(`The files could not be read: ${message(e)}`)
      }
    },

    async chooseSeries(index, options) {
      const session = currentSession()
      const series = session?.discovery?.series[index]
      if (!session || !series) return
      if (series.refusal) {
        get().showError(series.refusal.message)
        return
      }
      const bytes = estimateVolumeBytes(series, options.downsample)
      if (bytes > 4 * VOLUME_BUDGET_BYTES) {
        get().showError(
          `This series needs about ${formatBytes(bytes)} in memory, more than a browser tab can safely hold. Choose a thinner-slice subset or downsample it before loading.`,
        )
        return
      }
      session.chosen = index
      pendingOptions = options
      const { blocking, note } = splitPhi(series)
      if (note) set({ importNotes: [...get().importNotes, note] })
      if (blocking.length > 0) {
        set({
          importPhase: 'confirmPhi',
          importPhi: blocking.map((f) => ({ name: f.name, tag: f.tag, preview: f.preview })),
        })
        return
      }
      await decodeChosen(session.id)
    },

    async answerPhi(scrub) {
      const session = currentSession()
      if (!session) return
      if (!scrub) {
        endSession()
        set({
          importPhase: 'idle',
          importPhi: [],
          importProgress: null,
          importNotes: ['Loading was cancelled: nothing was loaded.'],
        })
        return
      }
      const series = session.discovery?.series[session.chosen ?? -1]
      if (!series) return
      scrubSeriesFiles(session, series)
      set({
        importPhi: [],
        importNotes: [
          ...get().importNotes,
          'Identifying attributes were removed in memory before display; nothing was sent anywhere.',
        ],
      })
      await decodeChosen(session.id)
    },

    cancelImport() {
      endSession()
      set({ importPhase: 'idle', importProgress: null, importPhi: [] })
    },
  }
}
