/**
 * DICOM header path on an exported 256×256×200 phantom series (the brief's size): parse every header,
 * discover the series, and both together, plus the export and the PHI scrub for scale. Inputs are built
 * once (untimed) and shuffled so discovery really sorts. Each benchmark returns a per-file figure.
 */
import type { VolumeGeometry } from '../src/lib/space'
import {
  discoverSeries,
  exportCtSeries,
  parseDicomHeader,
  scrubPhi,
  type DicomFile,
  type ParsedInstance,
} from '../src/cases/dicom'

const geometry: VolumeGeometry = {
  dims: [256, 256, 200],
  spacingMm: [0.7, 0.7, 1.25],
  originMm: [-89.6, -89.6, -125],
  direction: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
}
const info = { caseId: 'bench', seriesDescription: 'Bench CT' }

let ct: Int16Array | null = null
let files: DicomFile[] = []
let parsed: Array<{ name: string; result: ParsedInstance }> = []

function prepare(): void {
  if (ct) return
  const [nx, ny, nz] = geometry.dims
  ct = new Int16Array(nx * ny * nz)
  for (let i = 0; i < ct.length; i++) ct[i] = (((i * 2654435761) >>> 20) % 3000) - 1000
  const exported = exportCtSeries({ geometry, ct }, info)
  // Deterministic shuffle (stride coprime with 200) so that input order says nothing about position.
  files = exported.map((_, i) => exported[(i * 77) % exported.length])
  parsed = files.map((f) => ({
    name: f.name,
    result: parseDicomHeader(f.bytes, f.name) as ParsedInstance,
  }))
}

const perFile = (ms: number): string => `${(ms / files.length).toFixed(3)} ms/file`

export const benchmarks: Array<{ name: string; setup?: () => void; run: () => string }> = [
  {
    name: 'parseDicomHeader × 200 (256×256 slices)',
    setup: prepare,
    run: () => {
      const t0 = performance.now()
      for (const f of files) parseDicomHeader(f.bytes, f.name)
      return perFile(performance.now() - t0)
    },
  },
  {
    name: 'discoverSeries (200 parsed headers, shuffled)',
    setup: prepare,
    run: () => {
      const r = discoverSeries(parsed)
      return `${r.series[0]?.sliceCount ?? 0} slices, ${r.series[0]?.refusal ? 'refused' : 'volume'}`
    },
  },
  {
    name: 'parse + discover (200 files)',
    setup: prepare,
    run: () => {
      const t0 = performance.now()
      const r = discoverSeries(
        files.map((f) => ({ name: f.name, result: parseDicomHeader(f.bytes, f.name) })),
      )
      return `${perFile(performance.now() - t0)}, ${r.series.length} series`
    },
  },
  {
    name: 'exportCtSeries 256×256×200',
    setup: prepare,
    run: () => {
      const t0 = performance.now()
      const out = exportCtSeries({ geometry, ct: ct! }, info)
      return `${perFile(performance.now() - t0)}, ${(out.reduce((a, f) => a + f.bytes.length, 0) / 2 ** 20).toFixed(1)} MiB`
    },
  },
  {
    name: 'scrubPhi × 200',
    setup: prepare,
    run: () => {
      const t0 = performance.now()
      for (const f of files) scrubPhi(f.bytes)
      return perFile(performance.now() - t0)
    },
  },
]
