/** The thermal procedure's simulation (being built; see the issue). */
import type { SimulateFn } from '../types'

export const simulateThermal: SimulateFn = () =>
  Promise.reject(new Error('The thermal simulation is not built yet.'))
