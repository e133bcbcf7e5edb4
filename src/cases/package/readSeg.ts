/**
 * Reads a binary DICOM SEG onto the grid of its CT series: each frame's segment (Referenced Segment Number)
 * and position (Image Position Patient) put its 1-bit pixels into a label volume. Segment identity comes
 * from the Segmented Property Type code: OsteoPlan's private scheme names our structure keys (what
 * exportSeg writes); other codes fall back to the segment number. Pure.
 */
import type { DataSet } from 'dicom-parser'
import { STRUCTURES } from '../../lib/anatomy'
import { worldToIjk, type VolumeGeometry } from '../../lib/space'
import { dataSetBytes } from '../dicom/dicomText'
import { OSTEOPLAN_CODING_SCHEME } from '../dicom/exportSeg'
import { dicomParser } from '../dicom/parseDicomHeader'

/** Positions further than this from a CT slice centre (in voxels) are refused. */
const POSITION_TOLERANCE_VOXELS = 0.05

const items = (ds: DataSet | undefined, tag: string): DataSet[] =>
  (ds?.elements[tag]?.items ?? []).flatMap((i) => (i.dataSet ? [i.dataSet] : []))

/** The label id a segment stands for. */
function segmentLabel(seg: DataSet, segmentNumber: number): number | null {
  const code = items(seg, 'x0062000f')[0]
  const scheme = code?.string('x00080102')
  const value = code?.string('x00080100')
  if (scheme === OSTEOPLAN_CODING_SCHEME && value) {
    const byKey = STRUCTURES.find((s) => s.key === value)
    if (byKey) return byKey.id
    const m = /^L(\d+)$/.exec(value)
    if (m && STRUCTURES.some((s) => s.id === Number(m[1]))) return Number(m[1])
  }
  return segmentNumber <= 255 ? segmentNumber : null
}

/** The label volume of a SEG on `geometry`, or the reasons it does not fit. */
export function readSeg(
  bytes: Uint8Array,
  geometry: VolumeGeometry,
): { ok: true; labels: Uint8Array; labelIds: number[] } | { ok: false; errors: string[] } {
  let ds: DataSet
  try {
    ds = dicomParser.parseDicom(bytes)
  } catch (e) {
    return { ok: false, errors: [`The segmentation is not readable DICOM (${String(e)}).`] }
  }
  const errors: string[] = []
  if (ds.string('x00080016') !== '1.2.840.10008.5.1.4.1.1.66.4') {
    errors.push('The segmentation file is not a DICOM SEG object.')
  }
  const rows = ds.uint16('x00280010') ?? 0
  const cols = ds.uint16('x00280011') ?? 0
  const frames = Number(ds.string('x00280008') ?? '0')
  const [nx, ny, nz] = geometry.dims
  if (rows !== ny || cols !== nx) {
    errors.push(`The segmentation is ${cols}×${rows} pixels; the CT is ${nx}×${ny}.`)
  }
  if ((ds.uint16('x00280100') ?? 0) !== 1) errors.push('Only binary segmentations are supported.')
  const pixel = ds.elements.x7fe00010
  if (!pixel || pixel.length * 8 < frames * rows * cols) {
    errors.push('The segmentation has fewer pixels than its frames need.')
  }
  if (errors.length) return { ok: false, errors }
  const labelOf = new Map<number, number>()
  for (const seg of items(ds, 'x00620002')) {
    const n = seg.uint16('x00620004') ?? 0
    const l = segmentLabel(seg, n)
    if (l !== null) labelOf.set(n, l)
  }
  const perFrame = items(ds, 'x52009230')
  if (perFrame.length !== frames) {
    return {
      ok: false,
      errors: [
        `The segmentation lists ${perFrame.length} frame descriptions for ${frames} frames.`,
      ],
    }
  }
  const labels = new Uint8Array(nx * ny * nz)
  const found = new Set<number>()
  const n = rows * cols
  const data = dataSetBytes(ds).subarray(pixel!.dataOffset, pixel!.dataOffset + pixel!.length)
  perFrame.forEach((f, frame) => {
    const segNo = items(f, 'x0062000a')[0]?.uint16('x0062000b') ?? 0
    const label = labelOf.get(segNo)
    const ippText = items(f, 'x00209113')[0]?.string('x00200032')
    const ipp = ippText?.split('\\').map(Number)
    if (label === undefined || !ipp || ipp.length !== 3 || ipp.some((v) => !Number.isFinite(v))) {
      errors.push(`Frame ${frame + 1} has no segment or position.`)
      return
    }
    const q = worldToIjk(geometry, [ipp[0]!, ipp[1]!, ipp[2]!])
    const k = Math.round(q[2])
    if (
      Math.abs(q[0]) > POSITION_TOLERANCE_VOXELS ||
      Math.abs(q[1]) > POSITION_TOLERANCE_VOXELS ||
      Math.abs(q[2] - k) > POSITION_TOLERANCE_VOXELS ||
      k < 0 ||
      k >= nz
    ) {
      errors.push(`Frame ${frame + 1} does not lie on a CT slice.`)
      return
    }
    found.add(label)
    const off = k * n
    for (let p = 0, bit = frame * n; p < n; p++, bit++) {
      if ((data[bit >> 3]! >> (bit & 7)) & 1) labels[off + p] = label
    }
  })
  if (errors.length) return { ok: false, errors: errors.slice(0, 5) }
  return { ok: true, labels, labelIds: [...found].sort((a, b) => a - b) }
}
