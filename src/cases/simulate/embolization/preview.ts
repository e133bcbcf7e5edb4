/** The embolization procedure's drag preview (none yet). */
import type { PreviewFn } from '../preview'

export const previewEmbolization: PreviewFn = () => null
