import type { StateCreator } from 'zustand/vanilla'
import { DEFAULT_CASE } from '../../cases/catalog'
import { centerWorld, formatVolumeInfo } from '../../lib/space'
import type { Vec3 } from '../../lib/vec3'
import { generateCase } from '../../workers/caseClient'
import type { AppState } from '../appStore'
import { getPackage, isPackageCaseId } from '../packageRegistry'
import { evictVolumesExcept, putVolume } from '../volumeRegistry'

/** Loading state of the current volume. */
export type LoadStatus = 'loading' | 'ready' | 'error'

/** The current case/volume and its loading status. */
export interface CaseSlice {
  /** Id of the built-in case shown (or being loaded). */
  caseId: string
  status: LoadStatus
  /** Plain-words progress or status text. */
  statusText: string
  /** Key of the current volume in the volume registry. */
  volumeId: string | null
  /** Contract text, e.g. `512×512×163 · 0.98×0.98×3.00 mm`. */
  volumeInfo: string
  /** Opens a built-in case; keeps the previous volume on failure so no work is lost. */
  openCase(id: string, crosshairMm?: Vec3): Promise<void>
}

export const createCaseSlice: StateCreator<AppState, [], [], CaseSlice> = (set, get) => ({
  caseId: DEFAULT_CASE,
  status: 'loading',
  statusText: 'Starting…',
  volumeId: null,
  volumeInfo: '',
  async openCase(id, crosshairMm) {
    set({ status: 'loading', statusText: `Generating case "${id}"…`, caseId: id })
    try {
      const pkg = isPackageCaseId(id) ? getPackage(id) : undefined
      if (isPackageCaseId(id) && !pkg) {
        throw new Error(
          `The case package "${id.slice(8)}" is not open in this session: open its file again.`,
        )
      }
      const v = pkg ? pkg.volume : await generateCase(id)
      if (get().authoring) get().stopAuthoring()
      putVolume(v)
      evictVolumesExcept(v.id)
      get().clearSimulation()
      set({
        volumeId: v.id,
        volumeInfo: formatVolumeInfo(v.geometry),
        status: 'ready',
        statusText: `${v.name} ready`,
        // A teaching case opens on its (first) lesion; other volumes on their centre.
        crosshairMm: crosshairMm ?? v.lesions?.[0]?.centreMm ?? centerWorld(v.geometry),
      })
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const hadVolume = get().volumeId !== null
      set({ status: hadVolume ? 'ready' : 'error', statusText: 'Could not open the case' })
      get().showError(message)
    }
  },
})
