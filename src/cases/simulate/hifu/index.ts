/** The hifu procedure's simulation (being built; see the issue). */
import type { SimulateFn } from '../types'

export const simulateHifu: SimulateFn = () =>
  Promise.reject(new Error('The hifu simulation is not built yet.'))
