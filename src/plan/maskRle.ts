/**
 * Run-length encoding of binary masks for painted targets. Runs alternate 0s and 1s and start with a run
 * of 0s (length 0 when the first voxel is set); memory order is the volume's (i fastest).
 */

/** Encodes a mask (any non-zero byte counts as set) as alternating run lengths. */
export function encodeMaskRle(mask: Uint8Array): number[] {
  const runs: number[] = []
  let current = 0
  let run = 0
  for (let n = 0; n < mask.length; n++) {
    const v = mask[n] !== 0 ? 1 : 0
    if (v === current) {
      run++
    } else {
      runs.push(run)
      current = v
      run = 1
    }
  }
  runs.push(run)
  return runs
}

/** Decodes run lengths into a 0/1 mask of `voxelCount` voxels; throws if the runs do not add up. */
export function decodeMaskRle(runs: readonly number[], voxelCount: number): Uint8Array {
  const mask = new Uint8Array(voxelCount)
  let at = 0
  runs.forEach((run, r) => {
    if (!Number.isInteger(run) || run < 0 || at + run > voxelCount) {
      throw new Error(`decodeMaskRle: run ${r} (${run}) does not fit in ${voxelCount} voxels`)
    }
    if (r % 2 === 1) mask.fill(1, at, at + run)
    at += run
  })
  if (at !== voxelCount) throw new Error(`decodeMaskRle: runs cover ${at} of ${voxelCount} voxels`)
  return mask
}
