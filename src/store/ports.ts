/**
 * Services the store needs from later layers, injected at start-up by the composition root so that the
 * layer order holds (the store never imports imaging).
 */

/** One frame to decode: Part-10 bytes and the 0-based frame within the file. */
export interface FrameRequest {
  readonly bytes: ArrayBuffer
  readonly frame: number
}

/** Decodes frames to stored values (Cornerstone's codecs in the browser). */
export type FrameDecoder = (
  requests: readonly FrameRequest[],
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
) => Promise<ArrayLike<number>[]>

let decoder: FrameDecoder | null = null
let waiters: ((d: FrameDecoder) => void)[] = []

/** Installs the frame decoder (the viewers arrive in a lazily loaded chunk). */
export function setFrameDecoder(d: FrameDecoder | null): void {
  decoder = d
  if (!d) return
  for (const w of waiters) w(d)
  waiters = []
}

/**
 * The frame decoder, waiting for it while the viewers' code is still loading; rejects with a readable
 * message if it does not arrive within `timeoutMs`.
 */
export function getFrameDecoder(timeoutMs = 60_000): Promise<FrameDecoder> {
  if (decoder) return Promise.resolve(decoder)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The DICOM decoder did not start; reload the page and try again.')),
      timeoutMs,
    )
    waiters.push((d) => {
      clearTimeout(timer)
      resolve(d)
    })
  })
}
