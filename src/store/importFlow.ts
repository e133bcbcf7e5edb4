/** The decoding half of an import, and the PHI decision, kept out of the slice for readability. */
import { assembleVolume, type RawFrameFormat, type StackMode } from '../cases/dicom/assembleVolume'
import { markImport } from '../cases/dicom/importTiming'
import { makeThumbnail, type Thumbnail } from '../cases/dicom/seriesThumbnail'
import type { DiscoveredSeries } from '../cases/dicom/discoverSeries'
import type { PhiFinding } from '../cases/dicom/findPhi'
import { centerWorld, formatVolumeInfo } from '../lib/space'
import type { AppState } from './appStore'
import { endSession, sessionIf } from './importSession'
import { rawSeriesFrames, seriesFrameRequests } from './importSteps'
import { getFrameDecoder } from './ports'
import { evictVolumesExcept, putVolume } from './volumeRegistry'

type Set = (partial: Partial<AppState>) => void
type Get = () => AppState

/**
 * Which identifying attributes must stop the import. A file that declares Patient Identity Removed has
 * been through a de-identifier: free-text descriptions are then listed for review instead of blocking.
 */
export function splitPhi(series: DiscoveredSeries): {
  blocking: PhiFinding[]
  note: string | null
} {
  const blocking = series.patientIdentityRemoved
    ? series.phi.filter((f) => f.category !== 'description')
    : [...series.phi]
  const descriptive = series.phi.filter((f) => !blocking.includes(f))
  const note =
    descriptive.length > 0
      ? `Descriptive text kept for review (the files are marked de-identified): ${descriptive.map((f) => f.name).join(', ')}.`
      : null
  return { blocking, note }
}

/** Decodes the chosen series of session `id`, assembles the HU volume and makes it current. */
export async function decodeChosenSeries(
  id: number,
  options: { mode: StackMode; downsample: boolean },
  set: Set,
  get: Get,
  fail: (text: string) => void,
): Promise<void> {
  const session = sessionIf(id)
  const series = session?.discovery?.series[session.chosen ?? -1]
  if (!session || !series) return
  markImport('phi')
  set({
    importPhase: 'decoding',
    importProgress: { label: 'Decoding slices', done: 0, total: series.slices.length },
  })
  try {
    // Uncompressed little-endian slices are read in place from the file bytes (no decoder, no copy).
    const raw = rawSeriesFrames(session, series)
    let frames: readonly ArrayLike<number>[]
    let format: RawFrameFormat | undefined
    if (raw) {
      frames = raw.frames
      format = raw.format
    } else {
      const requests = seriesFrameRequests(session, series)
      const decode = await getFrameDecoder()
      frames = await decode(
        requests,
        (done, total) => {
          if (sessionIf(id)) set({ importProgress: { label: 'Decoding slices', done, total } })
        },
        session.abort.signal,
      )
    }
    if (!sessionIf(id)) return
    markImport('decode')
    const vol = assembleVolume(series, frames, options, format)
    markImport('assemble')
    const v = {
      id: `dicom-${id}`,
      name: series.description || 'Loaded CT',
      source: 'dicom-files' as const,
      geometry: vol.geometry,
      ct: vol.ct,
    }
    putVolume(v)
    evictVolumesExcept(v.id)
    endSession()
    markImport('volume-ready')
    set({
      importPhase: 'idle',
      importProgress: null,
      importNotes: [...get().importNotes, ...vol.notes],
      caseId: 'loaded',
      volumeId: v.id,
      volumeInfo: formatVolumeInfo(v.geometry),
      status: 'ready',
      statusText: `${v.name} ready`,
      crosshairMm: centerWorld(v.geometry),
    })
  } catch (e) {
    if (sessionIf(id)) {
      fail(`The series could not be loaded: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}

/**
 * Decodes the middle slice of every offered series and stores a small preview, so that the series picker
 * can show what each series is. Failures only leave a series without a thumbnail.
 */
export async function loadThumbnails(id: number, set: Set): Promise<void> {
  const session = sessionIf(id)
  const series = session?.discovery?.series ?? []
  const decode = await getFrameDecoder()
  const thumbs: Record<number, Thumbnail> = {}
  for (const [index, s] of series.entries()) {
    if (s.refusal || !sessionIf(id) || s.slices.length === 0) continue
    try {
      const middle = s.slices[Math.floor(s.slices.length / 2)]!
      const [request] = seriesFrameRequests(session!, { ...s, slices: [middle] })
      const [frame] = await decode([request!], () => undefined)
      if (!frame || !sessionIf(id)) continue
      thumbs[index] = makeThumbnail(frame, s.rows, s.columns, {
        slope: s.rescaleSlope,
        intercept: s.rescaleIntercept,
        padding: s.pixelPaddingValue,
      })
      set({ importThumbnails: { ...thumbs } })
    } catch {
      // A preview is a convenience: the series can still be chosen and its problems are shown on load.
    }
  }
}
