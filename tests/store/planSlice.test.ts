import { beforeEach, describe, expect, it } from 'vitest'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import { S } from '../../src/lib/anatomy'
import { IDENTITY_DIRECTION } from '../../src/lib/space'
import { cross, distance, length, normalize, sub, type Vec3 } from '../../src/lib/vec3'
import {
  decodePlanFromUrl,
  encodePlanForUrl,
  parsePlanFile,
  planToJson,
  type DeviceKind,
  type DeviceOf,
} from '../../src/plan'
import { createAppStore } from '../../src/store/appStore'
import { MAX_HISTORY } from '../../src/store/slices/planSlice'
import { putVolume } from '../../src/store/volumeRegistry'

/**
 * Routes on the synthetic volume (96×96×64 at 1.5×1.5×2 mm, centred on 0): bone cylinder r 20 mm about
 * (L 0, P 10), canal (CSF) r 8 mm about (L 0, P 40), lytic lesion r 8 mm about (6, 12, 4).
 */
const LATERAL_ENTRY: Vec3 = [68, 12, 4]
const LESION: Vec3 = [6, 12, 4]
const CANAL_ENTRY: Vec3 = [0, 68, 4]
const CANAL_TIP: Vec3 = [0, 12, 4]

/** Coordinates are rounded to 1 µm when stored; comparisons allow that rounding. */
const ROUND_MM = 1e-3

type Store = ReturnType<typeof createAppStore>
let store: Store

const synthetic = makeSyntheticVolume()

/** A fresh store showing the synthetic volume (generated once for the file: it is immutable). */
function readyStore(): Store {
  putVolume(synthetic)
  const s = createAppStore()
  s.setState({ caseId: 'synthetic', volumeId: synthetic.id, status: 'ready' })
  return s
}

function place(kind: DeviceKind, a: Vec3, b: Vec3) {
  store.getState().startPlacement(kind)
  expect(store.getState().placePoint(a).ok).toBe(true)
  return store.getState().placePoint(b)
}

const trocar = (): DeviceOf<'cementTrocar'> => {
  const d = store.getState().plan.devices[0]
  if (d?.kind !== 'cementTrocar') throw new Error('expected a trocar')
  return d
}

beforeEach(() => {
  store = readyStore()
})

describe('placement', () => {
  it('entry then target creates a selected, validated device with its report', () => {
    expect(place('cementTrocar', LATERAL_ENTRY, LESION).ok).toBe(true)
    const s = store.getState()
    const d = trocar()
    expect(d.entryMm).toEqual(LATERAL_ENTRY)
    expect(d.tipMm).toEqual(LESION)
    expect(s.selectedDeviceId).toBe(d.id)
    expect(s.placement).toBeNull()
    expect(s.history.map((h) => h.label)).toEqual(['New plan', 'Placed Cement trocar (trocar-1)'])
    const report = s.reports[d.id]?.[0]?.report
    expect(report?.worstSeverity).toBe('info')
    expect(report?.crossings.map((c) => c.labelId)).toContain(S.tumourLytic)
    // Entry→tip length is the distance of the two clicks (exact up to the 1 µm rounding).
    expect(Math.abs((report?.needleLengthMm ?? 0) - distance(LATERAL_ENTRY, LESION))).toBeLessThan(
      ROUND_MM,
    )
  })

  it('target-first order makes the first click the tip', () => {
    store.getState().setPlacementOrder('targetFirst')
    place('rfProbe', LESION, LATERAL_ENTRY)
    const d = store.getState().plan.devices[0]
    expect(d.tipMm).toEqual(LESION)
    expect(d.entryMm).toEqual(LATERAL_ENTRY)
  })

  it('a path through the canal is critical and names the thecal sac', () => {
    place('cementTrocar', CANAL_ENTRY, CANAL_TIP)
    const r = store.getState().reports[trocar().id][0].report
    expect(r.worstSeverity).toBe('critical')
    const f = r.findings.find((x) => x.severity === 'critical')
    expect(f?.message).toMatch(/thecal sac \(CSF\)/)
  })

  it('refuses a second click on the first point and keeps placing', () => {
    store.getState().startPlacement('cementTrocar')
    store.getState().placePoint(LESION)
    const r = store.getState().placePoint([6.2, 12, 4])
    expect(r.ok).toBe(false)
    expect(store.getState().error).toMatch(/at least 1 mm/)
    expect(store.getState().placement?.firstMm).toEqual(LESION)
    expect(store.getState().plan.devices).toHaveLength(0)
  })

  it('cancelPlacement leaves the plan and history untouched', () => {
    store.getState().startPlacement('mwAntenna')
    store.getState().placePoint(LESION)
    store.getState().cancelPlacement()
    expect(store.getState().placement).toBeNull()
    expect(store.getState().history).toHaveLength(1)
  })
})

describe('editing', () => {
  beforeEach(() => {
    place('cementTrocar', LATERAL_ENTRY, LESION)
  })

  it('moves the tip; undo restores the exact previous plan and redo re-applies', () => {
    const before = planToJson(store.getState().plan)
    store.getState().moveHandle('trocar-1', 'tip', [10, 14, 6])
    const after = planToJson(store.getState().plan)
    expect(trocar().tipMm).toEqual([10, 14, 6])
    expect(trocar().entryMm).toEqual(LATERAL_ENTRY)
    store.getState().undo()
    expect(planToJson(store.getState().plan)).toBe(before)
    store.getState().redo()
    expect(planToJson(store.getState().plan)).toBe(after)
    expect(store.getState().history.at(-1)?.label).toBe('Moved tip of trocar-1')
  })

  it('a whole-device move is a pure translation', () => {
    const axisBefore = sub(trocar().tipMm, trocar().entryMm)
    store.getState().moveHandle('trocar-1', 'whole', [60.1234567, 8, 2])
    const axisAfter = sub(trocar().tipMm, trocar().entryMm)
    expect(trocar().entryMm).toEqual([60.123, 8, 2])
    // Each coordinate is rounded to 1 µm, so the axis may change by up to 2 × 0.5 µm per component.
    expect(length(sub(axisAfter, axisBefore))).toBeLessThan(2 * ROUND_MM)
  })

  it('snapping the tip keeps the direction and moves it to the projection', () => {
    const dir = normalize(sub(trocar().tipMm, trocar().entryMm))
    store.getState().snapAlongAxis('trocar-1', 'tip', [0, 30, 4])
    const d = trocar()
    const newDir = normalize(sub(d.tipMm, d.entryMm))
    // Direction kept up to the µm rounding over a ~60 mm needle (angle ≈ 1e-3/60 rad).
    expect(length(cross(dir, newDir))).toBeLessThan(1e-4)
    // The projection of (0, 30, 4) on the axis through (68, 12, 4) along −x is at L = 0.
    expect(Math.abs(d.tipMm[0])).toBeLessThan(ROUND_MM)
    expect(d.entryMm).toEqual(LATERAL_ENTRY)
  })

  it('snapping never flips the tip past the entry', () => {
    store.getState().snapAlongAxis('trocar-1', 'tip', [200, 12, 4])
    const d = trocar()
    // Clamped to the 1 mm minimum path on the original side (tolerance: µm rounding).
    expect(Math.abs(distance(d.entryMm, d.tipMm) - 1)).toBeLessThan(ROUND_MM)
    expect(d.tipMm[0]).toBeLessThan(d.entryMm[0])
  })

  it('validates parameters: out-of-range and markup are refused without a history step', () => {
    const n = store.getState().history.length
    const r = store.getState().setParam('trocar-1', ['volumeMl'], 5000)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.errors.join()).toMatch(/volumeMl must be between 0.1 and 30 mL \(got 5000\)/)
    const m = store.getState().setParam('trocar-1', ['label'], '<img src=x onerror=alert(1)>')
    expect(m.ok).toBe(false)
    expect(store.getState().history).toHaveLength(n)
    expect(store.getState().setParam('trocar-1', ['volumeMl'], 6).ok).toBe(true)
    expect(trocar().volumeMl).toBe(6)
    expect(store.getState().setParam('trocar-1', ['balloon'], { inflationVolumeMl: 3 }).ok).toBe(
      true,
    )
    expect(trocar().balloon).toEqual({ inflationVolumeMl: 3 })
  })

  it('refuses a move that makes the needle longer than 300 mm, with the reason', () => {
    const r = store.getState().moveHandle('trocar-1', 'entry', [400, 12, 4])
    expect(r.ok).toBe(false)
    expect(store.getState().error).toMatch(/between 1 and 300 mm/)
    expect(trocar().entryMm).toEqual(LATERAL_ENTRY)
  })

  it('drag previews change no history and skip invalid positions', () => {
    const n = store.getState().history.length
    store.getState().previewHandle('trocar-1', 'tip', [10, 10, 4])
    expect(store.getState().dragPreview?.tipMm).toEqual([10, 10, 4])
    store.getState().previewHandle('trocar-1', 'tip', LATERAL_ENTRY)
    expect(store.getState().dragPreview?.tipMm).toEqual([10, 10, 4])
    expect(store.getState().history).toHaveLength(n)
    store.getState().clearPreview()
    expect(store.getState().dragPreview).toBeNull()
  })

  it('remove, undo, redo; jumping in the history list', () => {
    store.getState().removeDevice('trocar-1')
    expect(store.getState().plan.devices).toHaveLength(0)
    expect(store.getState().selectedDeviceId).toBeNull()
    store.getState().undo()
    expect(store.getState().plan.devices).toHaveLength(1)
    expect(store.getState().selectedDeviceId).toBe('trocar-1')
    store.getState().goToHistory(0)
    expect(store.getState().plan.devices).toHaveLength(0)
    store.getState().redo()
    expect(store.getState().plan.devices).toHaveLength(1)
  })

  it('a new edit after undo drops the redo branch', () => {
    store.getState().moveHandle('trocar-1', 'tip', [8, 12, 4])
    store.getState().undo()
    store.getState().moveHandle('trocar-1', 'tip', [9, 12, 4])
    const labels = store.getState().history.map((h) => h.label)
    expect(labels).toHaveLength(3)
    expect(store.getState().historyIndex).toBe(2)
  })

  it('reuses cached reports for unchanged devices (undo costs no march)', () => {
    const first = store.getState().reports['trocar-1']
    store.getState().moveHandle('trocar-1', 'tip', [8, 12, 4])
    expect(store.getState().reports['trocar-1']).not.toBe(first)
    store.getState().undo()
    expect(store.getState().reports['trocar-1']).toBe(first)
  })

  it('keeps at most MAX_HISTORY steps', () => {
    for (let n = 0; n < MAX_HISTORY + 5; n++) {
      store.getState().moveHandle('trocar-1', 'tip', [6 + (n % 7), 12, 4])
    }
    expect(store.getState().history).toHaveLength(MAX_HISTORY)
    expect(store.getState().historyIndex).toBe(MAX_HISTORY - 1)
  })
})

describe('sets and templates', () => {
  it('moving a cryoprobe set moves its probes with it', () => {
    place('cryoprobeSet', LATERAL_ENTRY, LESION)
    store.getState().moveHandle('cryo-1', 'whole', [66, 10, 4])
    const d = store.getState().plan.devices[0]
    if (d?.kind !== 'cryoprobeSet') throw new Error('expected a cryoprobe set')
    expect(d.probes[0].entryMm).toEqual([66, 10, 4])
    expect(d.probes[0].tipMm).toEqual([4, 10, 4])
  })

  it('an ECT template change re-lays the electrodes', () => {
    place('ectElectrodeSet', LATERAL_ENTRY, LESION)
    expect(store.getState().setParam('ect-1', ['template'], 'linear').ok).toBe(true)
    const d = store.getState().plan.devices[0]
    if (d?.kind !== 'ectElectrodeSet') throw new Error('expected an ECT set')
    expect(d.electrodes).toHaveLength(8)
    expect(d.sequence).toHaveLength(4)
  })
})

describe('one needle of a set', () => {
  const ectSet = (): DeviceOf<'ectElectrodeSet'> => {
    const d = store.getState().plan.devices[0]
    if (d?.kind !== 'ectElectrodeSet') throw new Error('expected an ECT set')
    return d
  }

  it('moving one electrode tip moves only that electrode, undoably', () => {
    place('ectElectrodeSet', LATERAL_ENTRY, LESION)
    const before = ectSet()
    const e = before.electrodes[3]
    const to: Vec3 = [e.tipMm[0] + 2, e.tipMm[1] + 3, e.tipMm[2]]
    const steps = store.getState().history.length
    expect(store.getState().moveNeedleHandle('ect-1', 3, 'tip', to).ok).toBe(true)
    const after = ectSet()
    for (let k = 0; k < 3; k++) expect(after.electrodes[3].tipMm[k]).toBeCloseTo(to[k], 3)
    expect(after.electrodes[3].entryMm).toEqual(e.entryMm)
    after.electrodes.forEach((x, n) => {
      if (n !== 3) expect(x).toEqual(before.electrodes[n])
    })
    expect(after.entryMm).toEqual(before.entryMm)
    expect(after.tipMm).toEqual(before.tipMm)
    expect(store.getState().history).toHaveLength(steps + 1)
    expect(store.getState().history.at(-1)?.label).toMatch(new RegExp(`tip of ${e.id} of ect-1`))
    expect(store.getState().dragPreview).toBeNull()
    store.getState().undo()
    expect(ectSet()).toEqual(before)
  })

  it('moving one cryoprobe entry leaves the other probes', () => {
    place('cryoprobeSet', LATERAL_ENTRY, LESION)
    const d0 = store.getState().plan.devices[0]
    if (d0?.kind !== 'cryoprobeSet') throw new Error('expected a cryoprobe set')
    const n = d0.probes.length - 1
    const to: Vec3 = [66, 16, 4]
    expect(store.getState().moveNeedleHandle('cryo-1', n, 'entry', to).ok).toBe(true)
    const d = store.getState().plan.devices[0]
    if (d?.kind !== 'cryoprobeSet') throw new Error('expected a cryoprobe set')
    expect(d.probes[n].entryMm).toEqual(to)
    expect(d.probes.slice(0, n)).toEqual(d0.probes.slice(0, n))
  })

  it('the preview shows the moved needle without history; a refused move says why', () => {
    place('ectElectrodeSet', LATERAL_ENTRY, LESION)
    const before = ectSet()
    const steps = store.getState().history.length
    const e = before.electrodes[1]
    const to: Vec3 = [e.tipMm[0], e.tipMm[1] - 4, e.tipMm[2]]
    store.getState().previewNeedleHandle('ect-1', 1, 'tip', to)
    const p = store.getState().dragPreview
    if (p?.kind !== 'ectElectrodeSet') throw new Error('expected an ECT preview')
    expect(p.electrodes[1].tipMm).toEqual(to)
    expect(p.electrodes[2]).toEqual(before.electrodes[2])
    expect(store.getState().plan.devices[0]).toBe(before)
    expect(store.getState().history).toHaveLength(steps)
    // A needle of zero length is invalid: the preview is skipped, the move refused with a message.
    store.getState().previewNeedleHandle('ect-1', 1, 'tip', e.entryMm)
    expect(store.getState().dragPreview).toBe(p)
    const r = store.getState().moveNeedleHandle('ect-1', 1, 'tip', e.entryMm)
    expect(r.ok).toBe(false)
    expect(store.getState().error).toMatch(/needle was not moved/)
    expect(store.getState().dragPreview).toBeNull()
    expect(ectSet()).toBe(before)
    const none = store.getState().moveNeedleHandle('ect-1', 99, 'tip', to)
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.errors.join()).toMatch(/no needle 100/)
    expect(store.getState().history).toHaveLength(steps)
  })
})

describe('files, links and scans', () => {
  it('plan JSON and share links round-trip exactly after edits', () => {
    place('cementTrocar', LATERAL_ENTRY, LESION)
    place('mwAntenna', [-60, 20, 0], LESION)
    store.getState().setParam('mw-1', ['powerW'], 45)
    store.getState().setPlanTitle('L3 plan')
    const json = planToJson(store.getState().plan)
    const fromFile = parsePlanFile(json)
    expect(fromFile.ok && planToJson(fromFile.plan)).toBe(json)
    const fromLink = decodePlanFromUrl(encodePlanForUrl(store.getState().plan))
    expect(fromLink.ok && planToJson(fromLink.plan)).toBe(json)
  })

  it('offers a plan for another case as pending, and can open it on this scan', () => {
    const other = {
      ...store.getState().plan,
      title: 'Elsewhere',
      scan: { kind: 'builtin' as const, caseId: 'l3-case' },
    }
    expect(store.getState().offerPlan(other, 'file')).toBe('pending')
    expect(store.getState().pendingPlan?.reason).toBe('otherCase')
    store.getState().resolvePendingPlan('openAnyway')
    expect(store.getState().pendingPlan).toBeNull()
    expect(store.getState().plan.title).toBe('Elsewhere')
    expect(store.getState().plan.scan).toEqual({ kind: 'builtin', caseId: 'synthetic' })
  })

  it('a plan for a loaded scan is pending until a scan with its fingerprint is shown', () => {
    const loaded = {
      ...store.getState().plan,
      scan: { kind: 'loaded' as const, fingerprint: 'g1-0123456789abcdef' },
    }
    store.getState().offerPlan(loaded, 'link')
    expect(store.getState().pendingPlan?.reason).toBe('otherScan')
    store.getState().resolvePendingPlan('discard')
    expect(store.getState().pendingPlan).toBeNull()
  })

  it('switching scans shelves the plan and brings it back', () => {
    place('cementTrocar', LATERAL_ENTRY, LESION)
    const json = planToJson(store.getState().plan)
    const v = {
      id: 'dicom-1',
      name: 'Loaded',
      source: 'dicom-files' as const,
      geometry: {
        dims: [4, 4, 4] as const,
        spacingMm: [1, 1, 1] as const,
        originMm: [0, 0, 0] as const,
        direction: IDENTITY_DIRECTION,
      },
      ct: new Int16Array(64),
    }
    putVolume(v)
    const synthId = store.getState().volumeId
    store.setState({ volumeId: v.id })
    const s = store.getState()
    expect(s.plan.devices).toHaveLength(0)
    expect(s.plan.scan.kind).toBe('loaded')
    expect(s.history).toHaveLength(1)
    store.setState({ volumeId: synthId })
    expect(planToJson(store.getState().plan)).toBe(json)
  })
})
