/**
 * A diagnostics hook for the browser conformance tests: `window.__osteoplanDecode(bytes, request)` decodes
 * one Part-10 file through the import's own path (ensurePart10 → parseDicomHeader → decodeDicomFrames →
 * storedToHu) and returns HU at requested pixels plus whole-file statistics. Registered only when the
 * address carries `diagnostics=1`; it sends nothing anywhere.
 */
import { ensurePart10 } from '../cases/dicom/ensurePart10'
import { isDicomProblem } from '../cases/dicom/dicomProblem'
import { parseDicomHeader } from '../cases/dicom/parseDicomHeader'
import { storedToHu } from '../cases/dicom/storedToHu'

/** Which pixels to report. */
export interface DecodeProbeRequest {
  /** [row, col] pairs, 0-based, read from `frame`. */
  readonly pixels: readonly (readonly [number, number])[]
  /** 0-based frame (default 0). */
  readonly frame?: number
}

/** What the hook reports: `ok: false` carries the message the import would show. */
export type DecodeProbeResult =
  | {
      readonly ok: true
      readonly rows: number
      readonly columns: number
      readonly frames: number
      readonly transferSyntaxUid: string
      readonly slope: number
      readonly intercept: number
      readonly padding: number | null
      /** HU at the requested pixels exactly as the import stores them (padding shown as air). */
      readonly hu: number[]
      /** The same pixels without padding masking (MANIFEST.md convention). */
      readonly huUnmasked: number[]
      /** Over every pixel of every frame, without padding masking, as in MANIFEST.md. */
      readonly min: number
      readonly max: number
      readonly mean: number
      /** Pixels equal to the padding value (shown as air by the import). */
      readonly paddedPixels: number
    }
  | { readonly ok: false; readonly message: string }

async function decodeProbe(
  buffer: ArrayBuffer,
  request: DecodeProbeRequest,
): Promise<DecodeProbeResult> {
  const part10 = ensurePart10(new Uint8Array(buffer))
  if (isDicomProblem(part10)) return { ok: false, message: part10.message }
  const header = parseDicomHeader(part10)
  if (isDicomProblem(header)) return { ok: false, message: header.message }
  const bytes = part10.buffer.slice(
    part10.byteOffset,
    part10.byteOffset + part10.byteLength,
  ) as ArrayBuffer
  const frames = Array.from({ length: header.numberOfFrames }, (_, frame) => ({ bytes, frame }))
  let decoded
  try {
    // Loaded on demand: Cornerstone stays out of the start-up chunk.
    const { decodeDicomFrames } = await import('../imaging')
    decoded = await decodeDicomFrames(frames, () => {})
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) }
  }
  const { rescaleSlope: slope, rescaleIntercept: intercept, pixelPaddingValue: pad } = header
  let min = Infinity
  let max = -Infinity
  let sum = 0
  let count = 0
  let paddedPixels = 0
  for (const f of decoded) {
    for (let n = 0; n < f.pixels.length; n++) {
      const s = f.pixels[n]!
      if (pad !== undefined && s === pad) paddedPixels++
      const v = storedToHu(s, slope, intercept, undefined)
      if (v < min) min = v
      if (v > max) max = v
      sum += v
      count++
    }
  }
  const target = decoded[request.frame ?? 0]
  if (!target) return { ok: false, message: `The file has no frame ${request.frame ?? 0}.` }
  const at = (r: number, c: number): number => target.pixels[c + target.columns * r]!
  return {
    ok: true,
    rows: target.rows,
    columns: target.columns,
    frames: decoded.length,
    transferSyntaxUid: header.transferSyntaxUid,
    slope,
    intercept,
    padding: pad ?? null,
    hu: request.pixels.map(([r, c]) => storedToHu(at(r, c), slope, intercept, pad)),
    huUnmasked: request.pixels.map(([r, c]) => storedToHu(at(r, c), slope, intercept, undefined)),
    min,
    max,
    mean: sum / count,
    paddedPixels,
  }
}

declare global {
  interface Window {
    /** Diagnostics only (`?diagnostics=1`): decodes one file through the import path. */
    __osteoplanDecode?: (
      bytes: ArrayBuffer,
      request: DecodeProbeRequest,
    ) => Promise<DecodeProbeResult>
  }
}

/** Registers the hook when the address asks for diagnostics. */
export function registerDecodeProbe(params: URLSearchParams): void {
  if (params.get('diagnostics') !== '1') return
  window.__osteoplanDecode = decodeProbe
}
