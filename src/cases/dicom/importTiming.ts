/**
 * User Timing marks of a DICOM import, so that a browser flow (or the Performance panel) can read where the
 * time goes. Every mark is `osteoplan:import:<stage>`; when a stage is marked, a measure of the same name
 * spans from the previous stage's mark to it, and `osteoplan:import:total` spans from `start` to
 * `volume-ready`. Stages, in order:
 *
 * | stage          | marked when                                                                          |
 * |----------------|--------------------------------------------------------------------------------------|
 * | `start`        | the files were chosen (picker change or drop), before any byte is read               |
 * | `read`         | every file's bytes are in memory (`File.arrayBuffer()`)                              |
 * | `parse`        | every header is parsed (dicom-parser, once per file) and zips are expanded           |
 * | `discover`     | series are grouped, sorted and checked                                               |
 * | `phi`          | the PHI check has passed (waits for the user when the guard asks)                    |
 * | `decode`       | every slice's stored values are available (views on the file bytes when uncompressed) |
 * | `assemble`     | every voxel's HU is in the volume's Int16 buffer                                     |
 * | `volume-ready` | the volume is registered and made current (the app reports "ready")                  |
 * | `cs-start`     | Cornerstone cached the volume's first slice image (createLocalVolume has begun)      |
 * | `cs-volume`    | Cornerstone's volume object wraps that buffer (createLocalVolume; no copy)           |
 * | `attached`     | the MPR viewports show the new volume (setVolumesForViewports)                       |
 * | `first-frame`  | Cornerstone reports the first rendered image of an MPR viewport after `attached`     |
 *
 * The last four are reported separately from `total`: the app's other reactions to the new volume (React
 * render, 3D model extraction) run before `cs-start`, and `attached`/`first-frame` include WebGL work. A series picker or the PHI
 * guard waiting for the user makes `phi`, and so `total`, include that wait. Works wherever `performance`
 * exists (browsers, Node); otherwise it does nothing. Pure apart from the global timeline.
 */

/** The stages above, in order. */
export const IMPORT_STAGES = [
  'start',
  'read',
  'parse',
  'discover',
  'phi',
  'decode',
  'assemble',
  'volume-ready',
  'cs-start',
  'cs-volume',
  'attached',
  'first-frame',
] as const

/** One stage of an import. */
export type ImportStage = (typeof IMPORT_STAGES)[number]

/** Prefix of every mark and measure. */
export const IMPORT_MARK_PREFIX = 'osteoplan:import:'

const name = (s: ImportStage | 'total'): string => `${IMPORT_MARK_PREFIX}${s}`

/** The part of the User Timing API used here (the pure layers are compiled without DOM types). */
interface Timeline {
  mark(name: string): unknown
  measure(name: string, start: string, end: string): unknown
  clearMarks(name: string): void
  clearMeasures(name: string): void
  getEntriesByName(name: string, type: string): readonly unknown[]
}

const timeline = (): Timeline | null => {
  const p = (globalThis as { performance?: Partial<Timeline> }).performance
  return p && typeof p.mark === 'function' && typeof p.measure === 'function'
    ? (p as Timeline)
    : null
}

/** The last stage marked in the current import (measures chain from it). */
let previous: ImportStage | null = null

/** Marks `stage` of the current import; `start` clears the marks and measures of any previous import. */
export function markImport(stage: ImportStage): void {
  const p = timeline()
  if (!p) return
  if (stage === 'start') {
    for (const s of IMPORT_STAGES) {
      p.clearMarks(name(s))
      p.clearMeasures(name(s))
    }
    p.clearMeasures(name('total'))
    previous = null
  }
  p.mark(name(stage))
  if (previous !== null) p.measure(name(stage), name(previous), name(stage))
  previous = stage
  if (stage === 'volume-ready' && p.getEntriesByName(name('start'), 'mark').length > 0) {
    p.measure(name('total'), name('start'), name('volume-ready'))
  }
}

/** The stage most recently marked (null before any import). */
export const lastImportStage = (): ImportStage | null => previous
