/**
 * Authoring marks belong to the volume they were drawn on: showing another volume (a case or a package)
 * takes them off the views and ends authoring; authoring that volume again brings them back.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { makeSyntheticVolume } from '../../src/cases/synthetic/syntheticVolume'
import { createAppStore } from '../../src/store/appStore'
import { putVolume } from '../../src/store/volumeRegistry'

const a = makeSyntheticVolume(40, 40, 20)
const b = { ...makeSyntheticVolume(32, 32, 16), id: 'other-volume' }
let store: ReturnType<typeof createAppStore>

beforeEach(() => {
  putVolume(a)
  putVolume(b)
  store = createAppStore()
  store.setState({ caseId: 'synthetic', volumeId: a.id, status: 'ready', crosshairMm: [0, 0, 0] })
})

describe('authoring marks and the shown volume', () => {
  it('leave the views when another volume is shown and come back with authoring on their volume', () => {
    store.getState().startAuthoring()
    store.getState().setAuthor({ authorTool: 'sphere', authorRadiusMm: 5 })
    expect(store.getState().markAtCrosshair()).toBeGreaterThan(0)
    expect(store.getState().staticOverlays.authoring?.length).toBeGreaterThan(0)

    store.setState({ volumeId: b.id })
    expect(store.getState().authoring).toBe(false)
    expect(store.getState().staticOverlays.authoring).toBeUndefined()

    store.setState({ volumeId: a.id })
    expect(store.getState().staticOverlays.authoring).toBeUndefined()
    store.getState().startAuthoring()
    expect(store.getState().staticOverlays.authoring?.length).toBeGreaterThan(0)
  })

  it('leaves other owners’ static overlays alone', () => {
    store.getState().setStaticOverlays('other', [])
    store.setState({ volumeId: b.id })
    expect(store.getState().staticOverlays.other).toEqual([])
  })
})
