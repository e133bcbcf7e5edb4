/**
 * Fills internal cavities of a mask: background not 6-connected to the outside of the volume becomes
 * inside. Marrow spaces and lytic holes that are closed off by cortex would otherwise produce a second,
 * inward-facing shell. 6-connectivity is used for the background because the extraction joins inside
 * corners on ambiguous faces by default, which leaves background connected only through faces
 * (README.md, "Topology").
 */
import type { PaddedMask } from './volumeMask'
import { findRuns, linkRuns } from './voxelRuns'

/**
 * Fills the cavities of `m` in place. Returns the number of voxels filled.
 */
export function fillCavities(m: PaddedMask): number {
  const [px, py, pz] = m.dims
  const runs = findRuns(m, 0)
  const root = linkRuns(runs, py, pz, 6)
  // Padded row 0 is all padding, so run 0 is outside and the outside component has root 0.
  let filled = 0
  for (let r = 0; r < py * pz; r++) {
    const base = r * px
    for (let n = runs.rowStart[r]; n < runs.rowStart[r + 1]; n++) {
      if (root[n] === 0) continue
      const s = runs.start[n]
      const e = runs.end[n]
      m.data.fill(1, base + s, base + e)
      filled += e - s
      // A cavity lies between inside voxels of its own row, so rowMin/rowMax already cover it.
    }
  }
  return filled
}
