/**
 * Procedure simulations in the app: runs (progress, cancel), results per device, the shared scrubber time,
 * overlay visibility and live drag previews. The views read overlays through `shownOverlays`; procedure
 * panels read `simResults[deviceId].detail`.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { ProcedureResult, SimOptions } from '../../cases/simulate'
import type { SimOverlay } from '../../lib/fieldOverlay'
import { planToJson, type Device } from '../../plan'
import { runSimulation, type SimRun } from '../../workers/simClient'
import type { AppState } from '../appStore'
import { getVolume } from '../volumeRegistry'

/** The state of one device's simulation. */
export interface SimRunState {
  readonly state: 'running' | 'done' | 'error' | 'cancelled'
  readonly progress: number
  readonly message: string
  /** JSON of the device as simulated: the result is stale when the device has changed since. */
  readonly deviceJson: string
  readonly volumeId: string
  readonly options: SimOptions
}

/** An overlay with its owner, as the views draw it. */
export interface ShownOverlay {
  /** `${deviceId}/${overlay.id}`: the key of its visibility toggle. */
  readonly key: string
  readonly deviceId: string
  readonly overlay: SimOverlay
  /** A live preview (drag) rather than a finished result. */
  readonly isPreview: boolean
  /** From the compare plan (drawn as dashed contours only, labelled with the plan's name). */
  readonly isCompare?: boolean
}

export interface SimSlice {
  simRuns: Readonly<Record<string, SimRunState>>
  simResults: Readonly<Record<string, ProcedureResult>>
  /** Live previews while a device is dragged, by device id. */
  simPreviews: Readonly<Record<string, readonly SimOverlay[]>>
  /** The scrubber's time, s (shared by every time-resolved overlay). */
  simTimeS: number
  simPlaying: boolean
  /** Visibility overrides by overlay key (absent: the overlay's default). */
  overlayVisibility: Readonly<Record<string, boolean>>
  /** Colour-blind-safe palettes for overlays. */
  overlayPalette: 'standard' | 'colorblind'
  /** Options the procedure panels set for the next run of each device. */
  simOptions: Readonly<Record<string, SimOptions>>
  setSimOptions(deviceId: string, options: SimOptions): void
  runDeviceSimulation(deviceId: string, options?: SimOptions): Promise<ProcedureResult | null>
  cancelSimulation(deviceId: string): void
  clearSimulation(deviceId?: string): void
  setSimTime(timeS: number): void
  setSimPlaying(playing: boolean): void
  setOverlayVisible(key: string, visible: boolean): void
  setOverlayPalette(p: SimSlice['overlayPalette']): void
  setSimPreview(deviceId: string, overlays: readonly SimOverlay[] | null): void
  /** Overlays that are not simulations (e.g. the structures an author marks), by owner. */
  staticOverlays: Readonly<Record<string, readonly SimOverlay[]>>
  setStaticOverlays(owner: string, overlays: readonly SimOverlay[] | null): void
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
const running = new Map<string, SimRun>()

/** JSON of a device, to tell whether a result is stale. */
export const deviceJson = (d: Device): string => JSON.stringify(d)

/** True when the device has changed since its result was computed (or it has none). */
export function isSimStale(s: AppState, deviceId: string): boolean {
  const run = s.simRuns[deviceId]
  const device = s.plan.devices.find((d) => d.id === deviceId)
  return !run || !device || run.deviceJson !== deviceJson(device) || run.volumeId !== s.volumeId
}

let shownCache: { key: unknown[]; value: ShownOverlay[] } | null = null

/** Grey of the compare plan's zones (its devices are drawn as grey ghosts too). */
const COMPARE_COLOR = '#c7c7cc'

/**
 * A compare-plan result overlay as the views draw it: its zone surfaces only (the contours also drawn
 * in 3D: ablation zone, ice, cement, leaks; no colour map, no band edges or limit lines, which would
 * crowd the legend), dashed and grey, labelled with the plan's name; other overlays are left out.
 */
function compareOverlay(o: SimOverlay, planLabel: string): SimOverlay | null {
  if (!o.visibleByDefault) return null
  if (o.type === 'polyline') {
    return { ...o, label: `${planLabel}: ${o.label}`, color: COMPARE_COLOR }
  }
  const zones = o.contours.filter((c) => c.show3d)
  if (zones.length === 0) return null
  return {
    ...o,
    label: `${planLabel}: ${o.label}`,
    colormap: null,
    opacity: 0,
    contours: zones.map((c) => ({
      ...c,
      color: COMPARE_COLOR,
      dashed: true,
      label: `${planLabel}: ${c.label}`,
    })),
  }
}

/** The overlays the views draw now: finished results of the current volume's devices, and previews. */
export function shownOverlays(s: AppState): readonly ShownOverlay[] {
  const key = [
    s.simResults,
    s.simPreviews,
    s.staticOverlays,
    s.overlayVisibility,
    s.plan.devices,
    s.volumeId,
    s.compareResults,
    s.compareVisible,
    s.comparePlan,
  ]
  if (shownCache && shownCache.key.every((k, i) => k === key[i])) return shownCache.value
  const out: ShownOverlay[] = []
  const ids = new Set(s.plan.devices.map((d) => d.id))
  for (const [deviceId, result] of Object.entries(s.simResults)) {
    if (!ids.has(deviceId) || s.simRuns[deviceId]?.volumeId !== s.volumeId) continue
    if (s.simPreviews[deviceId]) continue
    for (const overlay of result.overlays) {
      const k = `${deviceId}/${overlay.id}`
      if (s.overlayVisibility[k] ?? overlay.visibleByDefault) {
        out.push({ key: k, deviceId, overlay, isPreview: false })
      }
    }
  }
  for (const [deviceId, overlays] of Object.entries(s.simPreviews)) {
    for (const overlay of overlays) {
      out.push({ key: `${deviceId}/${overlay.id}`, deviceId, overlay, isPreview: true })
    }
  }
  for (const [owner, overlays] of Object.entries(s.staticOverlays)) {
    for (const overlay of overlays) {
      const k = `${owner}/${overlay.id}`
      if (s.overlayVisibility[k] ?? overlay.visibleByDefault) {
        out.push({ key: k, deviceId: owner, overlay, isPreview: false })
      }
    }
  }
  if (s.compareVisible && s.comparePlan) {
    const ids = new Set(s.comparePlan.devices.map((d) => d.id))
    for (const [deviceId, result] of Object.entries(s.compareResults)) {
      if (!ids.has(deviceId)) continue
      for (const overlay of result.overlays) {
        const ghost = compareOverlay(overlay, s.compareLabel || 'Compare plan')
        if (ghost) {
          out.push({
            key: `compare:${deviceId}/${overlay.id}`,
            deviceId,
            overlay: ghost,
            isPreview: false,
            isCompare: true,
          })
        }
      }
    }
  }
  shownCache = { key, value: out }
  return out
}

export const createSimSlice: StateCreator<AppState, [], [], SimSlice> = (set, get) => ({
  simRuns: {},
  simResults: {},
  simPreviews: {},
  simTimeS: 0,
  simPlaying: false,
  overlayVisibility: {},
  overlayPalette: 'standard',
  simOptions: {},

  setSimOptions(deviceId, options) {
    set({ simOptions: { ...get().simOptions, [deviceId]: options } })
  },

  async runDeviceSimulation(deviceId, explicit) {
    const s = get()
    const options = explicit ?? s.simOptions[deviceId] ?? {}
    const volume = getVolume(s.volumeId)
    const device = s.plan.devices.find((d) => d.id === deviceId)
    if (!volume || !device) return null
    running.get(deviceId)?.cancel()
    const base = { deviceJson: deviceJson(device), volumeId: volume.id, options }
    const update = (patch: Partial<SimRunState>) => {
      const cur = get().simRuns[deviceId]
      if (!cur) return
      set({ simRuns: { ...get().simRuns, [deviceId]: { ...cur, ...patch } } })
    }
    set({
      simRuns: {
        ...s.simRuns,
        [deviceId]: { ...base, state: 'running', progress: 0, message: 'Starting…' },
      },
    })
    const run = runSimulation(volume, planToJson(s.plan), deviceId, options, (f, m) => {
      if (running.get(deviceId) === run) update({ progress: f, message: m })
    })
    running.set(deviceId, run)
    try {
      const result = await run.result
      if (running.get(deviceId) !== run) return null
      running.delete(deviceId)
      set({ simResults: { ...get().simResults, [deviceId]: result } })
      update({
        state: 'done',
        progress: 1,
        message: `Done in ${(result.elapsedMs / 1000).toFixed(1)} s`,
      })
      if (get().simTimeS > result.durationS) set({ simTimeS: result.durationS })
      return result
    } catch (e) {
      if (running.get(deviceId) !== run) return null
      running.delete(deviceId)
      if (e instanceof Error && e.name === 'AbortError') {
        update({ state: 'cancelled', message: 'Cancelled' })
      } else {
        update({ state: 'error', message: message(e) })
        get().showError(`The simulation failed: ${message(e)}`)
      }
      return null
    }
  },

  cancelSimulation(deviceId) {
    const run = running.get(deviceId)
    if (!run) return
    running.delete(deviceId)
    run.cancel()
    const cur = get().simRuns[deviceId]
    if (cur) {
      set({
        simRuns: {
          ...get().simRuns,
          [deviceId]: { ...cur, state: 'cancelled', message: 'Cancelled' },
        },
      })
    }
  },

  clearSimulation(deviceId) {
    if (deviceId === undefined) {
      for (const r of running.values()) r.cancel()
      running.clear()
      set({ simRuns: {}, simResults: {}, simPreviews: {}, simTimeS: 0, simPlaying: false })
      return
    }
    get().cancelSimulation(deviceId)
    const { [deviceId]: _r, ...runs } = get().simRuns
    const { [deviceId]: _x, ...results } = get().simResults
    set({ simRuns: runs, simResults: results })
  },

  setSimTime(timeS) {
    set({ simTimeS: Math.max(0, timeS) })
  },
  setSimPlaying(playing) {
    set({ simPlaying: playing })
  },
  setOverlayVisible(key, visible) {
    set({ overlayVisibility: { ...get().overlayVisibility, [key]: visible } })
  },
  setOverlayPalette(p) {
    set({ overlayPalette: p })
  },
  staticOverlays: {},
  setStaticOverlays(owner, overlays) {
    const { [owner]: _old, ...rest } = get().staticOverlays
    set({ staticOverlays: overlays ? { ...rest, [owner]: overlays } : rest })
  },
  setSimPreview(deviceId, overlays) {
    const { [deviceId]: _old, ...rest } = get().simPreviews
    set({ simPreviews: overlays ? { ...rest, [deviceId]: overlays } : rest })
  },
})
