/**
 * Phantom generation time per built-in case (full 256 × 256 × N volumes) and for a bare region phantom.
 * Each case prints its dimensions the first time it runs. Run with the lead's runner (`npm run bench`).
 */
import { generatePhantom, type Phantom } from '../src/cases/phantom'
import { getCase, listCases } from '../src/cases/library'

const printed = new Set<string>()

function report(name: string, p: Phantom): void {
  if (printed.has(name)) return
  printed.add(name)
  const [nx, ny, nz] = p.geometry.dims
  const mvox = ((nx * ny * nz) / 1e6).toFixed(1)
  console.log(
    `${name}: ${nx}×${ny}×${nz} (${mvox} M voxels) · ${p.geometry.spacingMm.join('×')} mm`,
  )
}

export const benchmarks: Array<{ name: string; run: () => void | Promise<void> }> = [
  ...listCases().map((c) => ({
    name: `phantom case ${c.id}`,
    run: (): void => {
      const def = getCase(c.id)!
      report(c.id, generatePhantom(def.phantom.spec, def.phantom.seed))
    },
  })),
  {
    name: 'phantom lumbar (no lesion)',
    run: (): void => report('lumbar', generatePhantom({ region: 'lumbar' }, 1)),
  },
]
