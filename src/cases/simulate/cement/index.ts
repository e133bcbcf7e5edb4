/** The cement procedure's simulation (being built; see the issue). */
import type { SimulateFn } from '../types'

export const simulateCement: SimulateFn = () =>
  Promise.reject(new Error('The cement simulation is not built yet.'))
