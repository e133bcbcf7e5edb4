/**
 * The cement procedure's drag preview: none. Where cement goes depends on the whole injection (leaks,
 * viscosity, the lesion's shape), so a cheap guess while the trocar moves would teach the wrong shape;
 * the full simulation re-runs when the drag ends (src/store/simAuto.ts) and takes about a second.
 */
import type { PreviewFn } from '../preview'

export const previewCement: PreviewFn = () => null
