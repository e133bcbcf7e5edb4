/** The cement procedure's drag preview (none yet). */
import type { PreviewFn } from '../preview'

export const previewCement: PreviewFn = () => null
