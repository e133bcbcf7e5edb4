/** User-facing sentences about a series (refusals and warnings), kept apart from the logic that detects them. */
import type { SpacingReport } from './analyzeStack'

const mm = (v: number): string => `${v.toFixed(2)} mm`
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** Message builders for one series, named by description and number. */
export function seriesMessages(description: string, seriesNumber: number | undefined) {
  const suffix = seriesNumber === undefined ? '' : ` (series ${seriesNumber})`
  /** Sentence-initial and mid-sentence forms of the series name. */
  const label = `${description ? `“${description}”` : 'The unnamed series'}${suffix}`
  const inLabel = `${description ? `“${description}”` : 'the unnamed series'}${suffix}`
  return {
    missingGeometry: (): string =>
      `${label} lacks image position, orientation or pixel spacing, so its images cannot be placed in 3D.`,
    framesWithoutPositions: (): string =>
      `${label} is a multi-frame image without a position for each frame (a cine loop or mosaic), not a 3D stack.`,
    singleImage: (): string =>
      `${label} has a single image. A 3D plan needs a stack of slices: load the whole CT series.`,
    samePosition: (n: number): string =>
      `All ${n} images of ${inLabel} lie at the same position: they are separate images (for example different ` +
      'reconstructions or time points), not a 3D stack. Load them one at a time, or load the full CT series.',
    duplicatePositions: (groups: ReadonlyArray<{ count: number; positionMm: number }>): string =>
      `${label} has several images at the same position (${groups
        .slice(0, 4)
        .map((g) => `${g.count} at ${mm(g.positionMm)}`)
        .join(
          ', ',
        )}${groups.length > 4 ? ', …' : ''}): it mixes acquisitions or contains copies, so it cannot be stacked into one volume.`,
    gantryTilt: (angleDeg: number): string =>
      `${label} was acquired with a tilted gantry (${angleDeg.toFixed(1)}°, measured from the slice positions): ` +
      'the slices are sheared against each other, so the volume is resampled onto a regular grid.',
    nonUniformSpacing: (s: SpacingReport): string =>
      `Slice spacing in ${inLabel} is not uniform (${s.distinct
        .map((d) => `${mm(d.spacingMm)} × ${d.count}`)
        .join(', ')}); the volume is resampled to ${mm(s.nominalMm)} spacing by interpolation.`,
    missingSlices: (s: SpacingReport, positionsMm: readonly number[]): string => {
      const total = s.missing.reduce((a, g) => a + g.missingSlices, 0)
      const where = s.missing
        .slice(0, 3)
        .map(
          (g) =>
            `a ${mm(g.gapMm)} gap after slice ${g.afterSlice + 1} (at ${mm(positionsMm[g.afterSlice] ?? 0)}) where ${mm(s.nominalMm)} is expected`,
        )
        .join('; ')
      return `${plural(total, 'slice')} ${total === 1 ? 'seems' : 'seem'} to be missing from ${inLabel}: ${where}${s.missing.length > 3 ? '; …' : ''}. The gap is filled by interpolation; check that all files were copied.`
    },
    mixedSliceThickness: (counts: ReadonlyMap<string, number>): string =>
      `Slice thickness changes within ${inLabel} (${[...counts]
        .map(([t, n]) => `${Number(t)} mm for ${plural(n, 'slice')}`)
        .join(', ')}).`,
    notCt: (modality: string): string =>
      `${label} is ${modality || 'of unknown modality'}, not CT: Hounsfield-unit tools (bone window, density checks) will not be meaningful.`,
    lossy: (): string => `${label} is lossy-compressed: Hounsfield units are approximate.`,
    inconsistent: (
      parts: ReadonlyArray<{ rows: number; columns: number; count: number }>,
    ): string =>
      `${label} mixes images of different sizes or orientations (${parts
        .map((p) => `${p.columns} × ${p.rows}: ${plural(p.count, 'image')}`)
        .join('; ')}); each group is listed separately.`,
  }
}
