/** The steps of an import that touch file bytes: unzip, parse, discover, scrub, frame requests. */
import {
  discoverSeries,
  type DiscoveredSeries,
  type DiscoveryInput,
  type DiscoveryResult,
} from '../cases/dicom/discoverSeries'
import type { RawFrameFormat } from '../cases/dicom/assembleVolume'
import { isDicomProblem } from '../cases/dicom/dicomProblem'
import { ensurePart10 } from '../cases/dicom/ensurePart10'
import { lastImportStage, markImport } from '../cases/dicom/importTiming'
import { parseDicomHeader } from '../cases/dicom/parseDicomHeader'
import { rawFormatOf, rawFrameView, sameRawFormat } from '../cases/dicom/rawFrameView'
import { scrubPhi } from '../cases/dicom/scrubPhi'
import { unzipDicom } from '../cases/dicom/unzipDicom'
import type { ImportSession, InputFile } from './importSession'
import type { FrameRequest } from './ports'

/** Whether a file is a zip archive (by name or by its local-file-header signature). */
const isZip = (f: InputFile): boolean =>
  f.name.toLowerCase().endsWith('.zip') ||
  (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 0x03 && f.bytes[3] === 0x04)

/** Lets the browser paint progress between chunks of work. */
const breathe = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

/** Work between two chances for the browser to paint, ms (a short import never waits for a frame). */
const SLICE_MS = 100

/**
 * Expands zips in place, parses every header and groups the series. Files that are not DICOM stay in the
 * discovery's exclusions with their message.
 */
export async function discoverFiles(
  session: ImportSession,
  onProgress: (done: number, total: number) => void,
): Promise<{ discovery: DiscoveryResult; notes: string[] }> {
  // Sources that do not read files through the pickers (DICOMweb) start the timeline here.
  if (lastImportStage() !== 'read') markImport('start')
  const notes: string[] = []
  const expanded: InputFile[] = []
  const problems: DiscoveryInput[] = []
  for (const f of session.files) {
    if (!isZip(f)) {
      expanded.push(f)
      continue
    }
    const z = unzipDicom(f.bytes, f.name)
    if (isDicomProblem(z)) problems.push({ name: f.name, result: z })
    else {
      notes.push(...z.notes)
      for (const e of z.files) expanded.push({ name: `${f.name}/${e.name}`, bytes: e.bytes })
    }
  }
  session.files.splice(0, session.files.length, ...expanded)
  const inputs: DiscoveryInput[] = []
  session.headers = []
  let slice = performance.now()
  for (let n = 0; n < expanded.length; n++) {
    const f = expanded[n]!
    const result = parseDicomHeader(f.bytes, f.name)
    inputs.push({ name: f.name, result })
    session.headers.push(result.kind === 'instance' ? result : null)
    if (performance.now() - slice > SLICE_MS) {
      onProgress(n + 1, expanded.length)
      await breathe()
      slice = performance.now()
    }
  }
  onProgress(expanded.length, expanded.length)
  markImport('parse')
  // Problems with whole archives come after the files so that inputIndex still points into `files`.
  const discovery = discoverSeries([...inputs, ...problems])
  markImport('discover')
  return { discovery, notes }
}

/**
 * The series' frames as raw-cell views on the file bytes (no decoding, no copy), when every slice is
 * uncompressed little endian in one cell format; null otherwise (the frames then go through the decoders).
 */
export function rawSeriesFrames(
  session: ImportSession,
  series: DiscoveredSeries,
): { frames: (Uint16Array | Uint8Array)[]; format: RawFrameFormat } | null {
  let format: RawFrameFormat | null = null
  const frames: (Uint16Array | Uint8Array)[] = []
  for (const s of series.slices) {
    const header = session.headers[s.inputIndex]
    const file = session.files[s.inputIndex]
    if (!header || !file) return null
    const f = rawFormatOf(header)
    if (!f || (format && !sameRawFormat(format, f))) return null
    format = f
    const view = rawFrameView(header, file.bytes, s.frame)
    if (!view) return null
    frames.push(view)
  }
  return format ? { frames, format } : null
}

/** Removes identifying attributes from the series' files, in memory. */
export function scrubSeriesFiles(session: ImportSession, series: DiscoveredSeries): void {
  const done = new Set<number>()
  for (const s of series.slices) {
    if (done.has(s.inputIndex)) continue
    done.add(s.inputIndex)
    const f = session.files[s.inputIndex]
    if (!f) continue
    const scrubbed = scrubPhi(f.bytes)
    if (isDicomProblem(scrubbed)) throw new Error(scrubbed.message)
    f.bytes = scrubbed
    // The bytes moved: read the pixel offsets again.
    const header = parseDicomHeader(scrubbed, f.name)
    session.headers[s.inputIndex] = header.kind === 'instance' ? header : null
  }
}

/** The frames to decode, in the series' sorted order. Files without a Part-10 header get one. */
export function seriesFrameRequests(
  session: ImportSession,
  series: DiscoveredSeries,
): FrameRequest[] {
  const buffers = new Map<number, ArrayBuffer>()
  return series.slices.map((s) => {
    let buf = buffers.get(s.inputIndex)
    if (!buf) {
      const bytes = ensurePart10(session.files[s.inputIndex]!.bytes, s.name)
      if (isDicomProblem(bytes)) throw new Error(bytes.message)
      buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      buffers.set(s.inputIndex, buf)
    }
    return { bytes: buf, frame: s.frame }
  })
}
