/**
 * Keeps only the wanted connected components of a mask: drops specks below a voxel count and/or keeps the
 * k largest. Noise above the bone threshold and small calcifications otherwise become floating islands.
 */
import type { PaddedMask } from './volumeMask'
import { findRuns, linkRuns, type Connectivity } from './voxelRuns'

/** Which components to keep. */
export interface ComponentOptions {
  /** 26 (default) merges voxels touching at edges or corners; 6 only through faces. */
  readonly connectivity?: Connectivity
  /** Components with fewer voxels are removed (default 0: keep all). */
  readonly minVoxels?: number
  /** When set, only the k largest remaining components are kept. */
  readonly keepLargest?: number
}

/** What the filter did. */
export interface ComponentStats {
  /** Components found before filtering. */
  readonly found: number
  /** Components kept. */
  readonly kept: number
  /** Voxels removed. */
  readonly removedVoxels: number
}

/** Removes unwanted components from `m` in place. */
export function filterComponents(m: PaddedMask, options: ComponentOptions): ComponentStats {
  const [px, py, pz] = m.dims
  const runs = findRuns(m, 1)
  const root = linkRuns(runs, py, pz, options.connectivity ?? 26)
  const size = new Float64Array(runs.count)
  let found = 0
  for (let n = 0; n < runs.count; n++) {
    if (root[n] === n) found++
    size[root[n]] += runs.end[n] - runs.start[n]
  }
  const isKept = new Uint8Array(runs.count)
  const minVoxels = options.minVoxels ?? 0
  const roots: number[] = []
  for (let n = 0; n < runs.count; n++) {
    if (root[n] === n && size[n] >= minVoxels) roots.push(n)
  }
  if (options.keepLargest !== undefined && roots.length > options.keepLargest) {
    // Ties broken by run order, which is deterministic.
    roots.sort((a, b) => size[b] - size[a] || a - b)
    roots.length = Math.max(0, options.keepLargest)
  }
  for (const r of roots) isKept[r] = 1
  let removed = 0
  for (let r = 0; r < py * pz; r++) {
    const base = r * px
    for (let n = runs.rowStart[r]; n < runs.rowStart[r + 1]; n++) {
      if (isKept[root[n]]) continue
      m.data.fill(0, base + runs.start[n], base + runs.end[n])
      removed += runs.end[n] - runs.start[n]
    }
  }
  return { found, kept: roots.length, removedVoxels: removed }
}
