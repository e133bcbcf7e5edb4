/**
 * The last stages of the import timeline (src/cases/dicom/importTiming.ts), which happen in Cornerstone:
 * `cs-start` when it caches the first slice image of the imported volume, `cs-volume` when its volume object for the imported CT is created (createLocalVolume wraps our Int16
 * buffer slice by slice, without copying), `attached` when the MPR viewports show it, `first-frame` at the
 * next rendered image of an MPR viewport. Each is marked only right after the stage before it, so loading a
 * built-in case never marks anything.
 *
 * Diagnostics for browser flows: when `window.__osteoplanLoadCheck` is true, the created volume's voxels
 * are summarised (count, sum, min, max of every voxel Cornerstone holds) into `window.__osteoplanLoadedVolume`
 * AFTER the mark, so a flow can prove every voxel arrived with the right HU. Off by default.
 */
import { Enums, eventTarget } from '@cornerstonejs/core'
import { lastImportStage, markImport } from '../cases/dicom/importTiming'
import { subscribeMprVolume } from './mprController'

/** What the diagnostics record about the created volume. */
export interface LoadedVolumeSummary {
  readonly volumeId: string
  readonly dimensions: readonly number[]
  readonly count: number
  readonly sum: number
  readonly min: number
  readonly max: number
}

declare global {
  interface Window {
    /** Diagnostics: summarise the next imported volume's voxels (see loadTiming.ts). */
    __osteoplanLoadCheck?: boolean
    __osteoplanLoadedVolume?: LoadedVolumeSummary
  }
}

/** The fields of Cornerstone's cached-volume event detail read here. */
interface AddedVolume {
  readonly volumeId?: string
  readonly volume?: {
    readonly dimensions?: readonly number[]
    readonly voxelManager?: { getCompleteScalarDataArray?: () => ArrayLike<number> }
  }
}

function summarise(v: AddedVolume): LoadedVolumeSummary | null {
  const data = v.volume?.voxelManager?.getCompleteScalarDataArray?.()
  if (!data) return null
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let n = 0; n < data.length; n++) {
    const x = data[n]!
    sum += x
    if (x < min) min = x
    if (x > max) max = x
  }
  return {
    volumeId: v.volumeId ?? '',
    dimensions: [...(v.volume?.dimensions ?? [])],
    count: data.length,
    sum,
    min,
    max,
  }
}

let installed = false

/** Installs the listeners once (browser only). */
export function watchImportTiming(): void {
  if (installed || typeof document === 'undefined') return
  installed = true
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_ADDED, (e: Event) => {
    if (lastImportStage() !== 'volume-ready') return
    const added = (e as CustomEvent<{ image?: { imageId?: string } }>).detail.image
    if (added?.imageId?.includes('_dicom_')) markImport('cs-start')
  })
  eventTarget.addEventListener(Enums.Events.VOLUME_CACHE_VOLUME_ADDED, (e: Event) => {
    if (lastImportStage() !== 'cs-start') return
    const added = (e as CustomEvent<{ volume?: AddedVolume }>).detail.volume
    if (!added?.volumeId?.includes('_dicom_')) return
    markImport('cs-volume')
    if (window.__osteoplanLoadCheck) {
      const summary = summarise(added)
      if (summary) window.__osteoplanLoadedVolume = summary
    }
  })
  subscribeMprVolume(() => {
    if (lastImportStage() === 'cs-volume') markImport('attached')
    return Promise.resolve()
  })
  // Rendered events are dispatched on each viewport's element without bubbling: listen while capturing.
  document.addEventListener(
    Enums.Events.IMAGE_RENDERED,
    () => {
      if (lastImportStage() === 'attached') markImport('first-frame')
    },
    true,
  )
}
