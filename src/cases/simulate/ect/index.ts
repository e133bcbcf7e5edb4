/** The ect procedure's simulation (being built; see the issue). */
import type { SimulateFn } from '../types'

export const simulateEct: SimulateFn = () =>
  Promise.reject(new Error('The ect simulation is not built yet.'))
