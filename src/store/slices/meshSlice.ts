import type { StateCreator } from 'zustand/vanilla'
import { structureGroups, type StructureGroup } from '../../cases/structureGroups'
import { BONE_SURFACE_OPTIONS, type SurfaceOptions } from '../../sim/surface'
import { createSurfaceClient, type SurfaceClient } from '../../workers/surfaceClient'
import type { AppState } from '../appStore'
import { setMeshes, type StructureMesh } from '../meshRegistry'
import { getVolume } from '../volumeRegistry'

/** How each mesh group is drawn. */
export interface MeshDisplay {
  readonly name: string
  readonly color: string
  readonly visible: boolean
  readonly opacity: number
}

/** Camera presets of the 3-D view. */
export type CameraPreset = 'AP' | 'PA' | 'LL' | 'RL' | 'feet'

/** 3-D meshes: extraction status, display settings and view options. */
export interface MeshSlice {
  meshStatus: 'idle' | 'extracting' | 'ready' | 'error'
  meshProgress: number
  /** Bumped when new meshes are in the registry. */
  meshVersion: number
  meshCount: number
  triangleCount: number
  meshDisplay: Readonly<Record<string, MeshDisplay>>
  /** HU threshold for volumes without labels. */
  boneThresholdHu: number
  showSlicePlanes: boolean
  /** Clip away everything superior to the axial crosshair plane. */
  clipAtSlice: boolean
  cameraPreset: { preset: CameraPreset; serial: number }
  /** The 3-D panel shows a volume rendering of the CT instead of the surface meshes. */
  showVolumeRendering: boolean
  extractMeshes(): Promise<void>
  setMeshDisplay(id: string, d: Partial<MeshDisplay>): void
  setBoneThreshold(hu: number): void
  toggleSlicePlanes(): void
  toggleClip(): void
  setCameraPreset(p: CameraPreset): void
  toggleVolumeRendering(): void
}

let client: SurfaceClient | null = null
let running: AbortController | null = null

const SOFT_OPTIONS: SurfaceOptions = {
  smoothing: { iterations: 8 },
  components: { connectivity: 26, minVoxels: 20 },
  maxTriangles: 40_000,
}
const SKIN_OPTIONS: SurfaceOptions = {
  downsample: 2,
  fillHoles: true,
  components: { connectivity: 26, keepLargest: 1 },
  smoothing: { iterations: 6 },
  maxTriangles: 30_000,
}
const BONE_PART_OPTIONS: SurfaceOptions = {
  ...BONE_SURFACE_OPTIONS,
  components: { connectivity: 26, minVoxels: 50 },
  maxTriangles: 60_000,
}

const displayOf = (groups: readonly StructureGroup[]): Record<string, MeshDisplay> =>
  Object.fromEntries(
    groups.map((g) => [
      g.id,
      { name: g.name, color: g.color, visible: g.visible, opacity: g.opacity },
    ]),
  )

export const createMeshSlice: StateCreator<AppState, [], [], MeshSlice> = (set, get) => ({
  meshStatus: 'idle',
  meshProgress: 0,
  meshVersion: 0,
  meshCount: 0,
  triangleCount: 0,
  meshDisplay: {},
  boneThresholdHu: 200,
  showSlicePlanes: false,
  clipAtSlice: false,
  cameraPreset: { preset: 'AP', serial: 0 },
  showVolumeRendering: false,

  async extractMeshes() {
    const v = getVolume(get().volumeId)
    if (!v) return
    running?.abort()
    const abort = new AbortController()
    running = abort
    client ??= createSurfaceClient()
    const groups = structureGroups(v)
    set({ meshStatus: 'extracting', meshProgress: 0, meshDisplay: displayOf(groups) })
    try {
      const out: StructureMesh[] = []
      const onProgress = (f: number) => set({ meshProgress: f })
      if (!v.labels) {
        const mesh = await client.extractSurface(
          { kind: 'scalar', values: v.ct, geometry: v.geometry },
          { ...BONE_SURFACE_OPTIONS, threshold: get().boneThresholdHu, maxVoxels: 40e6 },
          { onProgress, signal: abort.signal },
        )
        const g = groups[0]!
        out.push({ id: g.id, name: g.name, color: g.color, mesh })
      } else {
        const batches: [StructureGroup[], SurfaceOptions][] = [
          [groups.filter((g) => g.isBone), BONE_PART_OPTIONS],
          [groups.filter((g) => !g.isBone && g.id !== 'skin'), SOFT_OPTIONS],
          [groups.filter((g) => g.id === 'skin'), SKIN_OPTIONS],
        ]
        for (const [batch, options] of batches) {
          if (batch.length === 0) continue
          const res = await client.extractLabelSurfaces(
            v.labels,
            v.parts ?? null,
            v.geometry,
            batch,
            options,
            {
              onProgress,
              signal: abort.signal,
            },
          )
          for (const r of res) {
            if (r.mesh.triangleCount > 0) {
              out.push({ id: r.id, name: r.name, color: r.color, mesh: r.mesh })
            }
          }
        }
      }
      if (running !== abort || get().volumeId !== v.id) return
      setMeshes(out)
      set({
        meshStatus: 'ready',
        meshProgress: 1,
        meshVersion: get().meshVersion + 1,
        meshCount: out.length,
        triangleCount: out.reduce((n, m) => n + m.mesh.triangleCount, 0),
      })
    } catch (e) {
      if (abort.signal.aborted) return
      set({ meshStatus: 'error' })
      get().showError(
        `The 3D model could not be built: ${e instanceof Error ? e.message : String(e)}. The 2D views still work.`,
      )
    }
  },
  setMeshDisplay(id, d) {
    const cur = get().meshDisplay[id]
    if (cur) set({ meshDisplay: { ...get().meshDisplay, [id]: { ...cur, ...d } } })
  },
  setBoneThreshold(hu) {
    set({ boneThresholdHu: hu })
    void get().extractMeshes()
  },
  toggleSlicePlanes() {
    set({ showSlicePlanes: !get().showSlicePlanes })
  },
  toggleClip() {
    set({ clipAtSlice: !get().clipAtSlice })
  },
  setCameraPreset(p) {
    set({ cameraPreset: { preset: p, serial: get().cameraPreset.serial + 1 } })
  },
  toggleVolumeRendering() {
    set({ showVolumeRendering: !get().showVolumeRendering })
  },
})
