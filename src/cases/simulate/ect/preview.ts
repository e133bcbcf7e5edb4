/** The ect procedure's drag preview (none yet). */
import type { PreviewFn } from '../preview'

export const previewEct: PreviewFn = () => null
