/** Scrubber time ↔ injected volume for the cement panel. Pure. */
import type { CementFrameInfo } from '../../../cases/simulate/cement/detail'

/** Index of the last frame at or before `timeS` (0 before the first). */
export function frameIndexFor(
  frames: readonly Pick<CementFrameInfo, 'timeS'>[],
  timeS: number,
): number {
  let idx = 0
  for (let n = 0; n < frames.length; n++) {
    if (frames[n]!.timeS <= timeS + 1e-9) idx = n
    else break
  }
  return idx
}

/** Time of the first frame holding at least `volumeMl` (the last frame's time beyond the end). */
export function timeForVolume(frames: readonly CementFrameInfo[], volumeMl: number): number {
  for (const f of frames) if (f.volumeMl >= volumeMl - 1e-6) return f.timeS
  return frames[frames.length - 1]?.timeS ?? 0
}
