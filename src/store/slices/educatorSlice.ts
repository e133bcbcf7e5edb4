/**
 * Educator mode: a presentation layout with high-contrast overlays, a laser pointer and drawn annotations,
 * the step-through of a plan (each device's insertion, then its simulation's time evolution) and the
 * replay of the plan's history. The clock is outside: the educator layer calls `tickEducator(dtS)` every
 * animation frame while something plays, so tests drive the same code with chosen time steps.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla'
import { add, scale, sub, type Vec3 } from '../../lib/vec3'
import { DEVICE_NAMES, type Device } from '../../plan'
import type { AppState } from '../appStore'
import { isSimStale } from './simSlice'

/** What a pointer over the workspace does in educator mode. */
export type EducatorTool = 'none' | 'laser' | 'draw'

/** A freehand stroke; points are fractions (0–1) of the workspace's width and height. */
export interface Stroke {
  readonly color: string
  readonly points: readonly (readonly [number, number])[]
}

/** One step of a plan's step-through. */
export interface PlanStep {
  readonly kind: 'insert' | 'simulate'
  readonly deviceId: string
  readonly label: string
  /** Wall-clock length of the step, s. */
  readonly wallS: number
}

/** A step-through in progress. */
export interface StepThrough {
  readonly steps: readonly PlanStep[]
  readonly index: number
  /** How far the current step has gone, 0–1. */
  readonly fraction: number
  readonly playing: boolean
  /** What the current step waits for (a simulation run), or null. */
  readonly waiting: string | null
  /** A note on the current step (e.g. why it was skipped), or null. */
  readonly note: string | null
  /** Overlay visibility before the step-through began (restored when it stops). */
  readonly savedVisibility: Readonly<Record<string, boolean>>
}

/** A replay of the plan's undo history. */
export interface TimelineReplay {
  /** History step shown now. */
  readonly index: number
  /** History step shown when the replay began (where it ends). */
  readonly endIndex: number
  /** Seconds since the step was shown. */
  readonly elapsedS: number
  readonly playing: boolean
}

/** Wall-clock length of one needle's insertion, s. */
export const INSERT_WALL_S = 2.5
/** Wall-clock length of one simulation's time evolution, s. */
export const SIMULATE_WALL_S = 6
/** Seconds each history step stays on screen during a timeline replay. */
export const TIMELINE_STEP_S = 1.2
/** Longest wall-clock step one tick advances, s. */
export const MAX_TICK_S = 1
/** Annotation colours: high-contrast, distinguishable with the common colour-vision deficiencies. */
export const STROKE_COLORS = ['#ffd400', '#00e5ff', '#ff4df0'] as const
/** Most strokes kept (oldest dropped first). */
export const MAX_STROKES = 200

export interface EducatorSlice {
  educatorMode: boolean
  /** Thicker device lines and overlays (presentation on a projector). */
  highContrast: boolean
  educatorTool: EducatorTool
  strokeColor: string
  annotations: readonly Stroke[]
  stepThrough: StepThrough | null
  timelineReplay: TimelineReplay | null
  setEducatorMode(on: boolean): void
  setHighContrast(on: boolean): void
  setEducatorTool(tool: EducatorTool): void
  setStrokeColor(color: string): void
  addStroke(stroke: Stroke): void
  clearAnnotations(): void
  /** Starts (or resumes) the step-through of the edited plan. */
  startStepThrough(): void
  pauseStepThrough(): void
  stopStepThrough(): void
  /** Jumps to step `index` (paused). */
  goToStep(index: number): void
  startTimelineReplay(): void
  stopTimelineReplay(): void
  /** Advances whatever plays by `dtS` seconds of wall-clock time. */
  tickEducator(dtS: number): void
}

type SetState = StoreApi<AppState>['setState']
type GetState = () => AppState

/** The steps of a plan: each device is inserted, then simulated, in plan order. */
export function planSteps(devices: readonly Device[]): PlanStep[] {
  return devices.flatMap((d) => [
    {
      kind: 'insert' as const,
      deviceId: d.id,
      label: `Insert ${DEVICE_NAMES[d.kind]} ${d.id}`,
      wallS: INSERT_WALL_S,
    },
    {
      kind: 'simulate' as const,
      deviceId: d.id,
      label: `Simulate ${DEVICE_NAMES[d.kind]} ${d.id}`,
      wallS: SIMULATE_WALL_S,
    },
  ])
}

/**
 * How far each device of the plan is inserted during a step-through (0–1; 0 means not yet shown), or null
 * when no step-through runs (the views then draw the plan as usual).
 */
export function insertionFractions(s: AppState): Readonly<Record<string, number>> | null {
  const st = s.stepThrough
  if (!st) return null
  const out: Record<string, number> = {}
  st.steps.forEach((step, i) => {
    if (step.kind !== 'insert') return
    out[step.deviceId] = i < st.index ? 1 : i === st.index ? st.fraction : 0
  })
  return out
}

/**
 * A device drawn `fraction` (0–1) of the way in: every needle's tip (and the axis tip) on the straight line
 * from its entry. Only drawn, never validated or committed.
 */
export function insertedDevice(d: Device, fraction: number): Device {
  const f = Math.min(1, Math.max(0, fraction))
  const cut = <T extends { entryMm: Vec3; tipMm: Vec3 }>(n: T): T => ({
    ...n,
    tipMm: add(n.entryMm, scale(sub(n.tipMm, n.entryMm), f)),
  })
  const base = cut(d)
  if (base.kind === 'cryoprobeSet') return { ...base, probes: base.probes.map(cut) }
  if (base.kind === 'ectElectrodeSet') return { ...base, electrodes: base.electrodes.map(cut) }
  return base
}

/**
 * Overlay visibility during a step-through: the overlays of devices whose simulation step has not begun
 * are hidden; the others keep their visibility from before the step-through.
 */
export function stepVisibility(s: AppState, st: StepThrough): Record<string, boolean> {
  const out: Record<string, boolean> = { ...st.savedVisibility }
  st.steps.forEach((step, i) => {
    if (step.kind !== 'simulate' || i <= st.index) return
    for (const o of s.simResults[step.deviceId]?.overlays ?? []) {
      out[`${step.deviceId}/${o.id}`] = false
    }
  })
  return out
}

/** Shows step-through `st` (and the overlay visibility it implies). */
function showStep(set: SetState, get: GetState, st: StepThrough): void {
  set({ stepThrough: st, overlayVisibility: stepVisibility(get(), st) })
}

/** Enters step `index`: a simulation step runs the simulation first if the device has no fresh result. */
function enterStep(set: SetState, get: GetState, index: number, playing: boolean): void {
  const st = get().stepThrough
  if (!st) return
  const step = st.steps[index]
  if (!step) {
    showStep(set, get, { ...st, index: st.steps.length - 1, fraction: 1, playing: false })
    return
  }
  const next: StepThrough = { ...st, index, fraction: 0, playing, waiting: null, note: null }
  if (step.kind !== 'simulate') {
    showStep(set, get, next)
    return
  }
  get().setSimTime(0)
  get().setSimPlaying(false)
  const s = get()
  if (!isSimStale(s, step.deviceId) && s.simResults[step.deviceId]) {
    showStep(set, get, next)
    return
  }
  showStep(set, get, { ...next, waiting: 'Running the simulation…' })
  void s.runDeviceSimulation(step.deviceId).then((result) => {
    const now = get().stepThrough
    if (!now || now.steps !== st.steps || now.index !== index) return
    showStep(set, get, {
      ...now,
      waiting: null,
      // Without a result the step still plays (the needle stays in place) and says why.
      note: result ? null : 'No simulation result for this device (see the message above).',
    })
  })
}

/** Advances the step-through by `dtS`. */
function tickSteps(set: SetState, get: GetState, dtS: number): void {
  const st = get().stepThrough
  if (!st?.playing || st.waiting) return
  const step = st.steps[st.index]
  if (!step) return
  const fraction = Math.min(1, st.fraction + dtS / step.wallS)
  if (step.kind === 'simulate') {
    const result = get().simResults[step.deviceId]
    if (result) get().setSimTime(fraction * result.durationS)
  }
  if (fraction < 1) {
    set({ stepThrough: { ...st, fraction } })
    return
  }
  if (st.index + 1 < st.steps.length) enterStep(set, get, st.index + 1, true)
  else set({ stepThrough: { ...st, fraction: 1, playing: false } })
}

/** Advances the timeline replay by `dtS`. */
function tickTimeline(set: SetState, get: GetState, dtS: number): void {
  const s = get()
  const r = s.timelineReplay
  if (!r?.playing) return
  if (s.historyIndex !== r.index) {
    // The user moved through the history (or edited): the replay stops where they are.
    set({ timelineReplay: null })
    return
  }
  const elapsedS = r.elapsedS + dtS
  if (elapsedS < TIMELINE_STEP_S) {
    set({ timelineReplay: { ...r, elapsedS } })
    return
  }
  if (r.index >= r.endIndex) {
    set({ timelineReplay: { ...r, elapsedS: TIMELINE_STEP_S, playing: false } })
    return
  }
  s.goToHistory(r.index + 1)
  set({ timelineReplay: { ...r, index: r.index + 1, elapsedS: 0 } })
}

export const createEducatorSlice: StateCreator<AppState, [], [], EducatorSlice> = (set, get) => ({
  educatorMode: false,
  highContrast: true,
  educatorTool: 'none',
  strokeColor: STROKE_COLORS[0],
  annotations: [],
  stepThrough: null,
  timelineReplay: null,

  setEducatorMode(on) {
    if (get().educatorMode === on) return
    if (!on) {
      get().stopStepThrough()
      get().stopTimelineReplay()
      set({ educatorMode: false, educatorTool: 'none', annotations: [] })
      return
    }
    set({ educatorMode: true })
  },
  setHighContrast(on) {
    set({ highContrast: on })
  },
  setEducatorTool(tool) {
    set({ educatorTool: tool })
  },
  setStrokeColor(color) {
    set({ strokeColor: color })
  },
  addStroke(stroke) {
    if (stroke.points.length < 2) return
    const all = [...get().annotations, stroke]
    set({ annotations: all.length > MAX_STROKES ? all.slice(all.length - MAX_STROKES) : all })
  },
  clearAnnotations() {
    set({ annotations: [] })
  },

  startStepThrough() {
    const s = get()
    const st = s.stepThrough
    if (st) {
      const isEnd = st.index === st.steps.length - 1 && st.fraction >= 1
      if (!isEnd) {
        set({ stepThrough: { ...st, playing: true } })
        return
      }
    }
    const steps = planSteps(s.plan.devices)
    if (steps.length === 0) {
      s.showError(
        'The plan has no devices to step through: place a device or open the expert plan.',
      )
      return
    }
    get().stopTimelineReplay()
    const savedVisibility = st?.savedVisibility ?? s.overlayVisibility
    set({
      stepThrough: {
        steps,
        index: 0,
        fraction: 0,
        playing: true,
        waiting: null,
        note: null,
        savedVisibility,
      },
    })
    enterStep(set, get, 0, true)
  },
  pauseStepThrough() {
    const st = get().stepThrough
    if (st?.playing) set({ stepThrough: { ...st, playing: false } })
  },
  stopStepThrough() {
    const st = get().stepThrough
    if (!st) return
    set({ stepThrough: null, overlayVisibility: st.savedVisibility })
  },
  goToStep(index) {
    const st = get().stepThrough
    if (!st || index < 0 || index >= st.steps.length) return
    enterStep(set, get, index, false)
    // A jump shows the step complete: the needle in place, the simulation at its end.
    const now = get().stepThrough
    if (!now) return
    set({ stepThrough: { ...now, fraction: 1 } })
    const step = st.steps[index]
    const result = step?.kind === 'simulate' ? get().simResults[step.deviceId] : undefined
    if (result) get().setSimTime(result.durationS)
  },

  startTimelineReplay() {
    const s = get()
    if (s.history.length < 2) {
      s.showError('The plan has no history to replay yet.')
      return
    }
    s.stopStepThrough()
    const endIndex = s.historyIndex
    s.goToHistory(0)
    set({ timelineReplay: { index: 0, endIndex, elapsedS: 0, playing: true } })
  },
  stopTimelineReplay() {
    const s = get()
    const r = s.timelineReplay
    if (!r) return
    set({ timelineReplay: null })
    // Stopped before its end: back to where the plan was (unless the user has moved meanwhile).
    if (s.historyIndex === r.index && r.index !== r.endIndex) s.goToHistory(r.endIndex)
  },

  tickEducator(dtS) {
    if (!(dtS > 0)) return
    // A long gap (a background tab) counts as one second at most, so nothing jumps far; a slow machine
    // (frames of a few hundred ms) still plays in about real time.
    const dt = Math.min(dtS, MAX_TICK_S)
    tickSteps(set, get, dt)
    tickTimeline(set, get, dt)
  },
})
