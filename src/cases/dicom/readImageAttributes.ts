/**
 * Reads the image-pixel, image-plane and value-transformation attributes of a parsed dataset, from the top
 * level or, for enhanced multi-frame objects, from the shared and per-frame functional groups
 * (PS3.3 §C.7.6.16): PlaneOrientation (0020,9116), PixelMeasures (0028,9110), PlanePosition (0020,9113),
 * PixelValueTransformation (0028,9145) and FrameVOILUT (0028,9132).
 */
import type { DataSet } from 'dicom-parser'
import type { Vec3 } from '../../lib/vec3'
import { numberOf, numbersOf } from './dicomText'

/** A VOI window preset in stored-value-after-rescale units (HU for CT). */
export interface WindowPreset {
  readonly center: number
  readonly width: number
}

/** Geometry and value attributes of one instance. */
export interface ImageAttributes {
  readonly imageOrientationPatient: readonly number[] | undefined
  /** IPP of the (first) frame, LPS mm. */
  readonly imagePositionPatient: Vec3 | undefined
  /** Per-frame IPP of a multi-frame object, LPS mm (empty when not given per frame). */
  readonly framePositions: readonly Vec3[]
  /** [row spacing, column spacing] in mm (PS3.3 §10.7.1.3). */
  readonly pixelSpacingMm: readonly [number, number] | undefined
  readonly sliceThicknessMm: number | undefined
  readonly spacingBetweenSlicesMm: number | undefined
  readonly rescaleSlope: number
  readonly rescaleIntercept: number
  readonly rescaleType: string | undefined
  readonly windows: readonly WindowPreset[]
}

const item0 = (ds: DataSet, tag: string): DataSet | undefined =>
  ds.elements[tag]?.items?.[0]?.dataSet

/** Looks a tag up at the top level, then in a functional-group macro of the shared or first frame group. */
function fromGroups(ds: DataSet, macro: string): DataSet[] {
  const out: DataSet[] = [ds]
  const shared = item0(ds, 'x52009229')
  const perFrame = item0(ds, 'x52009230')
  for (const g of [shared, perFrame]) {
    const m = g ? item0(g, macro) : undefined
    if (m) out.push(m)
  }
  return out
}

const firstNumbers = (sets: readonly DataSet[], tag: string): number[] | undefined => {
  for (const s of sets) {
    const v = numbersOf(s, tag)
    if (v) return v
  }
  return undefined
}

const asVec3 = (v: readonly number[] | undefined): Vec3 | undefined =>
  v && v.length >= 3 ? [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0] : undefined

/** Reads the image attributes of `ds`. Rescale defaults to slope 1 / intercept 0 when absent. */
export function readImageAttributes(ds: DataSet): ImageAttributes {
  const iop = firstNumbers(fromGroups(ds, 'x00209116'), 'x00200037')
  const measures = fromGroups(ds, 'x00289110')
  const ps = firstNumbers(measures, 'x00280030')
  const pvt = fromGroups(ds, 'x00289145')
  const voi = fromGroups(ds, 'x00289132')
  const centers = firstNumbers(voi, 'x00281050') ?? []
  const widths = firstNumbers(voi, 'x00281051') ?? []
  const framePositions: Vec3[] = []
  for (const item of ds.elements.x52009230?.items ?? []) {
    const pos = item.dataSet ? item0(item.dataSet, 'x00209113') : undefined
    const v = pos ? asVec3(numbersOf(pos, 'x00200032')) : undefined
    if (v) framePositions.push(v)
  }
  let rescaleType: string | undefined
  for (const s of pvt) rescaleType ??= s.string('x00281054')
  return {
    imageOrientationPatient: iop && iop.length === 6 ? iop : undefined,
    imagePositionPatient: asVec3(numbersOf(ds, 'x00200032')) ?? framePositions[0],
    framePositions,
    pixelSpacingMm: ps && ps.length >= 2 ? [ps[0] ?? 0, ps[1] ?? 0] : undefined,
    sliceThicknessMm: firstNumbers(measures, 'x00180050')?.[0],
    spacingBetweenSlicesMm: firstNumbers(measures, 'x00180088')?.[0] ?? numberOf(ds, 'x00180088'),
    rescaleSlope: firstNumbers(pvt, 'x00281053')?.[0] ?? 1,
    rescaleIntercept: firstNumbers(pvt, 'x00281052')?.[0] ?? 0,
    rescaleType,
    windows: centers
      .map((center, i) => ({ center, width: widths[i] ?? widths[0] ?? NaN }))
      .filter((w) => Number.isFinite(w.width) && w.width > 0),
  }
}
