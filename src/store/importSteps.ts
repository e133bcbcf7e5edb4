/** The steps of an import that touch file bytes: unzip, parse, discover, scrub, frame requests. */
import {
  discoverSeries,
  type DiscoveredSeries,
  type DiscoveryInput,
  type DiscoveryResult,
} from '../cases/dicom/discoverSeries'
import { isDicomProblem } from '../cases/dicom/dicomProblem'
import { ensurePart10 } from '../cases/dicom/ensurePart10'
import { parseDicomHeader } from '../cases/dicom/parseDicomHeader'
import { scrubPhi } from '../cases/dicom/scrubPhi'
import { unzipDicom } from '../cases/dicom/unzipDicom'
import type { ImportSession, InputFile } from './importSession'
import type { FrameRequest } from './ports'

const isZip = (f: InputFile): boolean =>
  f.name.toLowerCase().endsWith('.zip') ||
  (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 0x03 && f.bytes[3] === 0x04)

/** Lets the browser paint progress between chunks of work. */
const breathe = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

/**
 * Expands zips in place, parses every header and groups the series. Files that are not DICOM stay in the
 * discovery's exclusions with their message.
 */
export async function discoverFiles(
  session: ImportSession,
  onProgress: (done: number, total: number) => void,
): Promise<{ discovery: DiscoveryResult; notes: string[] }> {
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
  for (let n = 0; n < expanded.length; n++) {
    const f = expanded[n]!
    inputs.push({ name: f.name, result: parseDicomHeader(f.bytes, f.name) })
    if (n % 64 === 63) {
      onProgress(n + 1, expanded.length)
      await breathe()
    }
  }
  onProgress(expanded.length, expanded.length)
  // Problems with whole archives come after the files so that inputIndex still points into `files`.
  return { discovery: discoverSeries([...inputs, ...problems]), notes }
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
