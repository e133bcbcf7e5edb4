/**
 * The plan being edited, its selection, device placement, the drag preview, undo/redo with a history list,
 * and trajectory reports derived per device. Every committed edit goes through `commit`, which validates
 * nothing itself: callers validate the changed device first, so the plan always satisfies `PlanSchema`.
 * Points are DICOM LPS millimetres.
 */
import type { StateCreator, StoreApi } from 'zustand/vanilla'
import { distance, type Vec3 } from '../../lib/vec3'
import {
  createDevice,
  DEVICE_NAMES,
  MIN_NEEDLE_PATH_MM,
  PLAN_LIMITS,
  PlanSchema,
  type Device,
  type DeviceKind,
  type DevicePathReport,
  type Plan,
} from '../../plan'
import { DEFAULT_CASE } from '../../cases/catalog'
import type { AppState } from '../appStore'
import { getVolume } from '../volumeRegistry'
import {
  deviceReports,
  movedDevice,
  movedNeedle,
  needleEnds,
  roundMm,
  snapToAxis,
  validateDevice,
  withParam,
  type EditResult,
  type Handle,
} from './planEdits'
import {
  describeScan,
  emptyPlan,
  hasContent,
  mismatchReason,
  sameScan,
  scanKey,
  scanRefOf,
  type PendingPlan,
} from './planScan'

/** Whether the first click of a placement is the entry point or the target (the tip). */
export type PlacementOrder = 'entryFirst' | 'targetFirst'

/** A device being placed: its kind and the first point once clicked. */
export interface Placement {
  readonly kind: DeviceKind
  readonly firstMm: Vec3 | null
}

/** One step of the undo history: what was done and the plan after it. */
export interface HistoryEntry {
  readonly label: string
  readonly plan: Plan
  readonly selectedDeviceId: string | null
}

/** Most undo steps kept. Plans share unchanged devices between steps, so a step costs little. */
export const MAX_HISTORY = 200

/** Plan editing state and actions. */
export interface PlanSlice {
  /** The plan being edited; always valid against `PlanSchema`. */
  plan: Plan
  /** Scan reference of the shown volume, set when a volume arrives; null before the first. */
  currentScan: Plan['scan'] | null
  selectedDeviceId: string | null
  /** The device being placed, or null. */
  placement: Placement | null
  placementOrder: PlacementOrder
  /** Undo history; `history[historyIndex]` is the current plan. */
  history: readonly HistoryEntry[]
  historyIndex: number
  /** Trajectory reports of the plan's devices on the shown volume, by device id. */
  reports: Readonly<Record<string, readonly DevicePathReport[]>>
  /** The device as it is being dragged (not yet committed), or null. Views draw it instead. */
  dragPreview: Device | null
  /** A plan from a file or a link waiting for the right scan or for the user's decision. */
  pendingPlan: PendingPlan | null
  /** Plans of other scans, kept when the user switches case, by scan key. */
  shelvedPlans: Readonly<Record<string, Plan>>
  /** A short, non-error message about the plan (e.g. "Link copied"). */
  planNotice: string | null

  startPlacement(kind: DeviceKind): void
  cancelPlacement(): void
  setPlacementOrder(order: PlacementOrder): void
  /** Adds a point to the placement; the second point creates the device (errors go to the banner). */
  placePoint(pMm: Vec3): EditResult
  /** Moves an end ('entry' | 'tip') to `pMm`, or the whole device so that its entry lands on `pMm`. */
  moveHandle(deviceId: string, handle: Handle, pMm: Vec3): EditResult
  /** Slides one end along the device's axis to the point nearest `pMm` (direction kept). */
  snapAlongAxis(deviceId: string, handle: 'entry' | 'tip', pMm: Vec3): EditResult
  /** Shows a drag in progress (no history); invalid positions are skipped. */
  previewHandle(deviceId: string, handle: Handle, pMm: Vec3, isSnap?: boolean): void
  clearPreview(): void
  /**
   * Moves one end of needle `needle` (0-based) of a set (ECT electrodes, cryoprobes) to `pMm`; the other
   * needles and the set's axis stay. Validated and undoable like `moveHandle`.
   */
  moveNeedleHandle(deviceId: string, needle: number, end: 'entry' | 'tip', pMm: Vec3): EditResult
  /** Shows a needle drag in progress (no history); invalid positions are skipped. */
  previewNeedleHandle(deviceId: string, needle: number, end: 'entry' | 'tip', pMm: Vec3): void
  /** Sets a device parameter by path, e.g. ['powerW'] or ['protocol', 'thawMin']; validated. */
  setParam(deviceId: string, path: readonly (string | number)[], value: unknown): EditResult
  setPlanTitle(title: string): EditResult
  selectDevice(id: string | null): void
  removeDevice(id: string): void
  undo(): void
  redo(): void
  /** Jumps to a step of the history list (undoable the same way). */
  goToHistory(index: number): void
  /** Replaces the plan with a validated one (undoable). */
  loadPlan(plan: Plan, label?: string): void
  /** Starts an empty plan for the shown scan (undoable). */
  newPlan(): void
  /** Opens a plan from a file or link now if it fits the shown scan, else keeps it pending. */
  offerPlan(plan: Plan, source: PendingPlan['source']): 'opened' | 'pending'
  /** The user's answer to a pending plan. 'switchCase' opens the plan's built-in case first. */
  resolvePendingPlan(choice: 'switchCase' | 'openAnyway' | 'discard'): void
  setPlanNotice(message: string | null): void
}

type SetState = StoreApi<AppState>['setState']
type GetState = () => AppState

/** Reports of every device of a plan on the shown volume. */
function reportsFor(volumeId: string | null, plan: Plan): PlanSlice['reports'] {
  const v = getVolume(volumeId)
  return Object.fromEntries(plan.devices.map((d) => [d.id, deviceReports(v, d)]))
}

/** The state after committing `plan` as a new undo step. */
function commit(
  s: AppState,
  label: string,
  plan: Plan,
  selectedDeviceId: string | null,
): Partial<AppState> {
  let history = [...s.history.slice(0, s.historyIndex + 1), { label, plan, selectedDeviceId }]
  if (history.length > MAX_HISTORY) history = history.slice(history.length - MAX_HISTORY)
  return {
    plan,
    selectedDeviceId,
    history,
    historyIndex: history.length - 1,
    reports: reportsFor(s.volumeId, plan),
    dragPreview: null,
  }
}

/** The state after replacing device `id` with `device`. */
function commitDevice(s: AppState, label: string, device: Device): Partial<AppState> {
  const devices = s.plan.devices.map((d) => (d.id === device.id ? device : d))
  return commit(s, label, { ...s.plan, devices }, device.id)
}

/** The state showing history step `index`. */
function showStep(s: AppState, index: number): Partial<AppState> {
  const entry = s.history[index]
  if (!entry) return {}
  const isKept =
    entry.selectedDeviceId !== null &&
    entry.plan.devices.some((d) => d.id === entry.selectedDeviceId)
  return {
    plan: entry.plan,
    historyIndex: index,
    selectedDeviceId: isKept ? entry.selectedDeviceId : null,
    reports: reportsFor(s.volumeId, entry.plan),
    dragPreview: null,
  }
}

const findDevice = (s: AppState, id: string): Device | undefined =>
  s.plan.devices.find((d) => d.id === id)

const refuse = (get: GetState, what: string, errors: string[]): EditResult => {
  get().showError(`${what}: ${errors.join('; ')}`)
  return { ok: false, errors }
}

const HANDLE_WORDS: Record<Handle, string> = { entry: 'entry of ', tip: 'tip of ', whole: '' }

function placementActions(set: SetState, get: GetState) {
  return {
    startPlacement(kind: DeviceKind) {
      set({ placement: { kind, firstMm: null }, dragPreview: null })
    },
    cancelPlacement() {
      set({ placement: null })
    },
    setPlacementOrder(order: PlacementOrder) {
      set({ placementOrder: order })
    },
    placePoint(pMm: Vec3): EditResult {
      const s = get()
      const pl = s.placement
      if (!pl) return { ok: false, errors: ['no device is being placed'] }
      const p = roundMm(pMm)
      if (!pl.firstMm) {
        set({ placement: { ...pl, firstMm: p } })
        return { ok: true }
      }
      if (distance(pl.firstMm, p) < MIN_NEEDLE_PATH_MM) {
        return refuse(get, 'The device was not placed', [
          `click a second point at least ${MIN_NEEDLE_PATH_MM} mm from the first`,
        ])
      }
      if (s.plan.devices.length >= PLAN_LIMITS.devices) {
        set({ placement: null })
        return refuse(get, 'The device was not placed', [
          `a plan holds at most ${PLAN_LIMITS.devices} devices`,
        ])
      }
      const [entry, tip] = s.placementOrder === 'entryFirst' ? [pl.firstMm, p] : [p, pl.firstMm]
      const created = createDevice(pl.kind, entry, tip, {
        existingIds: s.plan.devices.map((d) => d.id),
      })
      const v = validateDevice(created)
      if (!v.ok) {
        set({ placement: { ...pl, firstMm: null } })
        return refuse(get, `The ${DEVICE_NAMES[pl.kind]} could not be placed there`, v.errors)
      }
      const plan = { ...s.plan, devices: [...s.plan.devices, v.device] }
      set({
        ...commit(s, `Placed ${v.device.label} (${v.device.id})`, plan, v.device.id),
        placement: null,
      })
      return { ok: true }
    },
  }
}

function editActions(set: SetState, get: GetState) {
  const apply = (deviceId: string, label: (d: Device) => string, next: (d: Device) => unknown) => {
    const s = get()
    const d = findDevice(s, deviceId)
    if (!d) return { ok: false as const, errors: [`there is no device "${deviceId}"`] }
    const v = validateDevice(next(d))
    if (!v.ok) return v
    set(commitDevice(s, label(d), v.device))
    return { ok: true as const }
  }
  return {
    moveHandle(deviceId: string, handle: Handle, pMm: Vec3): EditResult {
      const r = apply(
        deviceId,
        (d) => `Moved ${HANDLE_WORDS[handle]}${d.id}`,
        (d) => movedDevice(d, handle, pMm),
      )
      if (!r.ok) set({ dragPreview: null })
      return r.ok ? r : refuse(get, 'The device was not moved', r.errors)
    },
    snapAlongAxis(deviceId: string, handle: 'entry' | 'tip', pMm: Vec3): EditResult {
      const r = apply(
        deviceId,
        (d) => `Slid ${HANDLE_WORDS[handle]}${d.id} along its axis`,
        (d) => movedDevice(d, handle, snapToAxis(d, handle, pMm)),
      )
      if (!r.ok) set({ dragPreview: null })
      return r.ok ? r : refuse(get, 'The device was not moved', r.errors)
    },
    previewHandle(deviceId: string, handle: Handle, pMm: Vec3, isSnap = false) {
      const d = findDevice(get(), deviceId)
      if (!d) return
      const p = isSnap && handle !== 'whole' ? snapToAxis(d, handle, pMm) : pMm
      const v = validateDevice(movedDevice(d, handle, p))
      if (v.ok) set({ dragPreview: v.device })
    },
    clearPreview() {
      if (get().dragPreview) set({ dragPreview: null })
    },
    moveNeedleHandle(deviceId: string, needle: number, end: 'entry' | 'tip', pMm: Vec3) {
      const d = findDevice(get(), deviceId)
      const ends = d ? needleEnds(d, needle) : null
      const name = ends?.id ?? `needle ${needle + 1}`
      const r =
        d && !ends
          ? { ok: false as const, errors: [`${deviceId} has no needle ${needle + 1}`] }
          : apply(
              deviceId,
              (x) => `Moved ${end} of ${name} of ${x.id}`,
              (x) => movedNeedle(x, needle, end, pMm),
            )
      if (!r.ok) set({ dragPreview: null })
      return r.ok ? r : refuse(get, 'The needle was not moved', r.errors)
    },
    previewNeedleHandle(deviceId: string, needle: number, end: 'entry' | 'tip', pMm: Vec3) {
      const d = findDevice(get(), deviceId)
      const next = d ? movedNeedle(d, needle, end, pMm) : null
      if (!next) return
      const v = validateDevice(next)
      if (v.ok) set({ dragPreview: v.device })
    },
    setParam(deviceId: string, path: readonly (string | number)[], value: unknown): EditResult {
      return apply(
        deviceId,
        (d) => `Set ${path.join('.')} of ${d.id}`,
        (d) => withParam(d, path, value),
      )
    },
    removeDevice(id: string) {
      const s = get()
      const d = findDevice(s, id)
      if (!d) return
      const plan = { ...s.plan, devices: s.plan.devices.filter((x) => x.id !== id) }
      set(commit(s, `Removed ${d.label} (${d.id})`, plan, null))
    },
    selectDevice(id: string | null) {
      if (get().selectedDeviceId !== id) set({ selectedDeviceId: id })
    },
    setPlanTitle(title: string): EditResult {
      const s = get()
      const parsed = PlanSchema.shape.title.safeParse(title)
      if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) }
      if (parsed.data === s.plan.title) return { ok: true }
      set(commit(s, 'Renamed the plan', { ...s.plan, title: parsed.data }, s.selectedDeviceId))
      return { ok: true }
    },
  }
}

function historyActions(set: SetState, get: GetState) {
  return {
    undo() {
      const s = get()
      if (s.historyIndex > 0) set({ ...showStep(s, s.historyIndex - 1), placement: null })
    },
    redo() {
      const s = get()
      if (s.historyIndex < s.history.length - 1) {
        set({ ...showStep(s, s.historyIndex + 1), placement: null })
      }
    },
    goToHistory(index: number) {
      const s = get()
      if (index >= 0 && index < s.history.length) set({ ...showStep(s, index), placement: null })
    },
    loadPlan(plan: Plan, label = `Opened "${plan.title}"`) {
      set({ ...commit(get(), label, plan, null), placement: null })
    },
    newPlan() {
      const s = get()
      const scan = s.currentScan ?? s.plan.scan
      set({ ...commit(s, 'New plan', emptyPlan(scan), null), placement: null })
    },
    setPlanNotice(message: string | null) {
      set({ planNotice: message })
    },
  }
}

function pendingActions(set: SetState, get: GetState) {
  return {
    offerPlan(plan: Plan, source: PendingPlan['source']): 'opened' | 'pending' {
      const s = get()
      const scan = s.currentScan
      if (scan && sameScan(plan.scan, scan)) {
        const how = source === 'file' ? 'from a file' : 'from a link'
        get().loadPlan(plan, `Opened "${plan.title}" ${how}`)
        set({ pendingPlan: null })
        return 'opened'
      }
      const reason = !scan || s.status === 'loading' ? 'waiting' : mismatchReason(plan.scan)
      set({ pendingPlan: { plan, source, reason } })
      return 'pending'
    },
    resolvePendingPlan(choice: 'switchCase' | 'openAnyway' | 'discard') {
      const s = get()
      const pending = s.pendingPlan
      if (!pending) return
      if (choice === 'discard') {
        set({ pendingPlan: null })
      } else if (choice === 'openAnyway' && s.currentScan) {
        const plan = { ...pending.plan, scan: s.currentScan }
        set({ pendingPlan: null })
        get().loadPlan(plan, `Opened "${plan.title}" on ${describeScan(s.currentScan)}`)
      } else if (choice === 'switchCase' && pending.plan.scan.kind === 'builtin') {
        set({ pendingPlan: { ...pending, reason: 'waiting' } })
        void get().openCase(pending.plan.scan.caseId)
      }
    },
  }
}

/** Follows the shown volume: reports are recomputed, a pending plan for it opens, and a plan made for
 * another scan is shelved (and restored when that scan is shown again). */
function syncToVolume(set: SetState, get: GetState): void {
  const s = get()
  const v = getVolume(s.volumeId)
  if (!v) return
  const scan = scanRefOf(v, s.caseId)
  set({ currentScan: scan })
  if (!sameScan(s.plan.scan, scan)) {
    const shelved = { ...s.shelvedPlans }
    if (hasContent(s.plan)) shelved[scanKey(s.plan.scan)] = s.plan
    const kept = shelved[scanKey(scan)]
    delete shelved[scanKey(scan)]
    const plan = kept ?? emptyPlan(scan)
    const label = kept ? `Back to "${plan.title}"` : 'New plan'
    set({
      plan,
      shelvedPlans: shelved,
      history: [{ label, plan, selectedDeviceId: null }],
      historyIndex: 0,
      selectedDeviceId: null,
      placement: null,
      dragPreview: null,
    })
  }
  set({ reports: reportsFor(get().volumeId, get().plan) })
  const pending = get().pendingPlan
  if (pending) get().offerPlan(pending.plan, pending.source)
}

/** Re-judges a plan waiting for a scan that did not arrive (the case failed to open). */
function settlePending(set: SetState, get: GetState): void {
  const s = get()
  const p = s.pendingPlan
  if (p?.reason !== 'waiting' || s.status === 'loading') return
  if (s.currentScan && sameScan(p.plan.scan, s.currentScan)) get().offerPlan(p.plan, p.source)
  else set({ pendingPlan: { ...p, reason: mismatchReason(p.plan.scan) } })
}

/** The plan slice. It follows volume changes through a store subscription made at creation. */
export const createPlanSlice: StateCreator<AppState, [], [], PlanSlice> = (set, get, api) => {
  api.subscribe((s, prev) => {
    if (s.volumeId !== prev.volumeId) syncToVolume(set, get)
    else if (s.status !== prev.status) settlePending(set, get)
  })
  const plan = emptyPlan({ kind: 'builtin', caseId: DEFAULT_CASE })
  return {
    plan,
    currentScan: null,
    selectedDeviceId: null,
    placement: null,
    placementOrder: 'entryFirst',
    history: [{ label: 'New plan', plan, selectedDeviceId: null }],
    historyIndex: 0,
    reports: {},
    dragPreview: null,
    pendingPlan: null,
    shelvedPlans: {},
    planNotice: null,
    ...placementActions(set, get),
    ...editActions(set, get),
    ...historyActions(set, get),
    ...pendingActions(set, get),
  }
}
