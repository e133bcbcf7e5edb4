/** The hifu procedure's drag preview (none yet). */
import type { PreviewFn } from '../preview'

export const previewHifu: PreviewFn = () => null
