/** Shared set-up of the planning UI tests: the app store reset and showing the synthetic volume. */
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { makeSyntheticVolume } from '../../../src/cases/synthetic/syntheticVolume'
import type { Vec3 } from '../../../src/lib/vec3'
import type { DeviceKind } from '../../../src/plan'
import { appStore } from '../../../src/store/appStore'
import { putVolume } from '../../../src/store/volumeRegistry'

const initial = appStore.getState()
const synthetic = makeSyntheticVolume()

/**
 * Synthetic-volume routes (bone cylinder r 20 mm about L 0, P 10; canal r 8 mm about L 0, P 40; lesion
 * r 8 mm about 6, 12, 4): a lateral path into the lesion (clear) and a posterior one through the canal.
 */
export const ROUTES = {
  clear: { entry: [68, 12, 4] as Vec3, tip: [6, 12, 4] as Vec3 },
  canal: { entry: [0, 68, 4] as Vec3, tip: [0, 12, 4] as Vec3 },
}

/** Resets the store before each test and shows the synthetic volume; unmounts after. */
export function useSyntheticStore(): void {
  beforeEach(() => {
    appStore.setState(initial, true)
    putVolume(synthetic)
    appStore.setState({ caseId: 'synthetic', volumeId: synthetic.id, status: 'ready' })
  })
  afterEach(() => cleanup())
}

/** Places a device through the store, as two clicks would. */
export function placeDevice(kind: DeviceKind, entry: Vec3, tip: Vec3): void {
  const s = appStore.getState()
  s.setPlacementOrder('entryFirst')
  s.startPlacement(kind)
  appStore.getState().placePoint(entry)
  appStore.getState().placePoint(tip)
}
