/** The thermal procedure's drag preview (none yet). */
import type { PreviewFn } from '../preview'

export const previewThermal: PreviewFn = () => null
