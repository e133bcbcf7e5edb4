import { describe, expect, it } from 'vitest'
import { createAppStore } from '../../src/store/appStore'
import { huAt } from '../../src/store/selectors'

describe('app store', () => {
  it('opens the synthetic case (inline fallback: no Worker in Node) and centres the crosshair', async () => {
    const store = createAppStore()
    await store.getState().openCase('synthetic')
    const s = store.getState()
    expect(s.status).toBe('ready')
    expect(s.volumeInfo).toBe('96×96×64 · 1.50×1.50×2.00 mm')
    expect(s.crosshairMm.map((v) => Math.abs(v) < 1e-9)).toEqual([true, true, true])
    expect(huAt(s.volumeId, [6, 12, 4])).toBe(35)
    expect(huAt(s.volumeId, [0, 0, 1e4])).toBeNull()
  })

  it('keeps the previous volume and shows a message when a case cannot open', async () => {
    const store = createAppStore()
    await store.getState().openCase('synthetic')
    const before = store.getState().volumeId
    await store.getState().openCase('does-not-exist')
    const s = store.getState()
    expect(s.volumeId).toBe(before)
    expect(s.status).toBe('ready')
    expect(s.error).toMatch(/There is no built-in case "does-not-exist"/)
  })

  it('a failed first load ends in the error state', async () => {
    const store = createAppStore()
    await store.getState().openCase('nope')
    expect(store.getState().status).toBe('error')
  })

  it('setCrosshair ignores an identical point (no redundant renders)', () => {
    const store = createAppStore()
    let n = 0
    store.subscribe(() => n++)
    store.getState().setCrosshair([1, 2, 3])
    store.getState().setCrosshair([1, 2, 3])
    expect(n).toBe(1)
  })
})
