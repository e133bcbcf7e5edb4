/**
 * Decodes DICOM pixel frames: uncompressed little-endian frames directly (nativeFrame.ts, no codec), DCT
 * JPEG (.51/.53/.55) with our IJG-exact decoder (jpegFrame.ts: Cornerstone's has a progressive refinement
 * sign error and a 12-bit level-shift error), every other transfer syntax with Cornerstone3D's image loader
 * and codecs (in its web workers). The import reads uncompressed series without coming here at all
 * (rawFrameView.ts). Returns STORED values, before the modality LUT: rescale and padding are
 * applied by our own pure code, which knows the header (src/cases/dicom), so every source is treated the
 * same way. Decoded values outside the declared signed range are re-read as two's complement
 * (interpretStored). Part-10 bytes are handed over in memory; nothing is fetched or sent anywhere.
 */
import { metaData, type Types } from '@cornerstonejs/core'
import dicomImageLoader from '@cornerstonejs/dicom-image-loader'
import { interpretStored } from '../cases/dicom/interpretStored'
import { correctJpeg12Bias, cornerstoneJpeg12Precision } from '../cases/dicom/jpeg12Bias'
import { readJpegFrame } from '../cases/dicom/jpegFrame'
import { readNativeFrame } from '../cases/dicom/nativeFrame'
import { initCornerstone } from './initCornerstone'
import { watchImportTiming } from './loadTiming'

// The import timeline's Cornerstone stages are watched from here: this module loads with the viewers.
watchImportTiming()

/** One frame to decode: the Part-10 file bytes and the 0-based frame within it. */
export interface FrameRequest {
  readonly bytes: ArrayBuffer
  readonly frame: number
}

/** A decoded frame of stored values. */
export interface DecodedFrame {
  readonly rows: number
  readonly columns: number
  readonly pixels: ArrayLike<number>
}

let loaderStarted = false

function startLoader(): void {
  if (loaderStarted) return
  loaderStarted = true
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2
  dicomImageLoader.init({ maxWebWorkers: Math.max(1, Math.min(4, cores - 1)) })
}

/**
 * Decodes frames in order, reporting progress after each. Rejects with a readable message naming the
 * frame that failed. `signal` cancels between frames.
 */
export async function decodeDicomFrames(
  requests: readonly FrameRequest[],
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<DecodedFrame[]> {
  await initCornerstone()
  startLoader()
  const { fileManager } = dicomImageLoader.wadouri
  const ids = new Map<ArrayBuffer, { id: string; index: number; jpeg12: number | null }>()
  const out: DecodedFrame[] = new Array<DecodedFrame>(requests.length)
  let done = 0
  let lastYield = performance.now()
  // A few frames in flight keep the codec workers busy without holding every decoded image at once.
  const inFlight = 4
  let next = 0
  const work = async (): Promise<void> => {
    while (next < requests.length) {
      if (signal?.aborted) throw new Error('Loading was cancelled.')
      const n = next++
      const req = requests[n]!
      // Uncompressed little-endian frames need no codec: read them directly (src/cases/dicom/nativeFrame).
      // DCT JPEG (.51/.53/.55) goes through our IJG-exact decoder: Cornerstone's has a progressive
      // refinement sign error and a 12-bit level-shift error (src/cases/dicom/jpeg/jpegDct.ts).
      let native = readNativeFrame(req.bytes, req.frame)
      if (!native) {
        try {
          native = readJpegFrame(req.bytes, req.frame)
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e)
          throw new Error(`Slice ${n + 1} of ${requests.length} could not be decoded: ${why}`, {
            cause: e,
          })
        }
      }
      if (native) {
        out[n] = native
        onProgress(++done, requests.length)
        // Decoded on this thread (a JPEG frame takes tens of ms): let the page paint every ~50 ms.
        if (performance.now() - lastYield > 50) {
          await new Promise((r) => setTimeout(r, 0))
          lastYield = performance.now()
        }
        continue
      }
      let entry = ids.get(req.bytes)
      if (!entry) {
        const id = fileManager.add(new Blob([req.bytes]))
        entry = {
          id,
          index: Number(id.split(':')[1]),
          jpeg12: cornerstoneJpeg12Precision(req.bytes),
        }
        ids.set(req.bytes, entry)
        await dicomImageLoader.prefetchPart10Instance(id, req.bytes)
      }
      const imageId = `${entry.id}?frame=${req.frame + 1}`
      try {
        // The loader's published type for this return points at an unresolvable path; it is core's
        // IImageLoadObject.
        const load = dicomImageLoader.wadouri.loadImage(imageId, {
          preScale: { enabled: false },
        }) as unknown as Types.IImageLoadObject
        const image = await load.promise
        if (image.preScale?.scaled) {
          throw new Error('the decoder applied a rescale although it was asked not to')
        }
        // Values are read as the header declares them (signed J2K streams coded unsigned, MANIFEST.md §7).
        const px = metaData.get('imagePixelModule', imageId) as
          { bitsStored?: number; pixelRepresentation?: number } | undefined
        const raw = image.getPixelData()
        // Cornerstone's 12-bit JPEG path is 15 units high (src/cases/dicom/jpeg12Bias.ts): correct a copy.
        const decoded =
          entry.jpeg12 !== null && raw instanceof Uint16Array
            ? correctJpeg12Bias(raw.slice(), entry.jpeg12)
            : raw
        const pixels = interpretStored(decoded, px?.bitsStored ?? 16, px?.pixelRepresentation ?? 0)
        out[n] = { rows: image.rows, columns: image.columns, pixels }
      } catch (e) {
        const why =
          e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown decoder error'
        throw new Error(`Slice ${n + 1} of ${requests.length} could not be decoded: ${why}`, {
          cause: e,
        })
      }
      onProgress(++done, requests.length)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, requests.length) }, work))
  } finally {
    for (const { index } of ids.values()) fileManager.remove(index)
  }
  return out
}
