/** The embolization procedure's simulation (being built; see the issue). */
import type { SimulateFn } from '../types'

export const simulateEmbolization: SimulateFn = () =>
  Promise.reject(new Error('The embolization simulation is not built yet.'))
