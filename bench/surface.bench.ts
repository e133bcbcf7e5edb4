/**
 * Surface extraction benchmarks: our marching cubes against vtk.js's vtkImageMarchingCubes on the same
 * synthetic CT volumes in the same run. Run with the bench runner (`npm run bench -- surface`); each
 * result is followed by the triangle count (and, for ours, whether the mesh is closed).
 */
import type { VolumeGeometry } from '../src/lib/space'
import { IDENTITY_DIRECTION } from '../src/lib/space'
import { createRng } from '../src/lib/rng'
import {
  BONE_SURFACE_OPTIONS,
  extractSurface,
  isClosedManifold,
  type SurfaceOptions,
} from '../src/sim/surface'

/** sqrt(a² + b²); Math.hypot is several times slower in V8. */
const hyp = (a: number, b: number): number => Math.sqrt(a * a + b * b)

/** A CT volume with its geometry. */
export interface Volume {
  readonly ct: Int16Array
  readonly geometry: VolumeGeometry
}

/**
 * A CT-like volume: air, a body ellipse of muscle under fat, a stack of vertebral bodies (cortical shell,
 * trabecular core near the threshold, discs between), a neural arch, two femoral shafts with fatty marrow,
 * a pair of iliac plates and rib arcs, plus Gaussian noise (σ 20 HU, ANATOMY.md §6 noise rows).
 */
export function syntheticCt(
  nx: number,
  ny: number,
  nz: number,
  spacingMm: readonly [number, number, number],
): Volume {
  const rng = createRng(2024)
  const noise = new Float32Array(1 << 16)
  for (let n = 0; n < noise.length; n++) noise[n] = 20 * rng.normal()
  const ct = new Int16Array(nx * ny * nz)
  const [sx, sy, sz] = spacingMm
  const fovZ = nz * sz
  let v = 0
  for (let k = 0; k < nz; k++) {
    const z = k * sz
    // Vertebra every 33 mm: 25 mm body, 8 mm disc.
    const zInV = z % 33
    const isBodySlice = zInV < 25
    const isEndplate = zInV < 1.5 || zInV > 23.5
    const isPelvis = z > 0.55 * fovZ
    for (let j = 0; j < ny; j++) {
      const y = (j - ny / 2) * sy
      for (let i = 0; i < nx; i++) {
        const x = (i - nx / 2) * sx
        let hu = -1000
        const body = (x / 170) ** 2 + (y / 120) ** 2
        if (body < 1) hu = body > 0.85 ? -100 : 50
        // Vertebral body and neural arch.
        const rb = hyp(x, y - 30)
        if (rb < 20) hu = isBodySlice ? (rb > 18 || isEndplate ? 1000 : 190) : 75
        const ra = hyp(x, y - 62)
        if (isBodySlice && ra < 14 && ra > 8 && y > 52) hu = 900
        if (ra <= 8 && isBodySlice) hu = 10
        // Femoral shafts: 4 mm cortex, fatty marrow.
        for (const cx of [-95, 95]) {
          const r = hyp(x - cx, y + 5)
          if (r < 14) hu = r > 10 ? 1300 : -50
        }
        // Iliac plates (thin curved shells) in the lower part.
        if (isPelvis) {
          for (const side of [-1, 1]) {
            const d = Math.abs(hyp(x - side * 60, y - 70) - 55)
            if (d < 4 && y > 20) hu = d > 2.5 ? 1100 : 250
          }
        }
        // Rib arcs every 40 mm in the upper part.
        if (!isPelvis && z % 40 < 10) {
          const d = hyp(hyp(x / 150, y / 105) * 140 - 140, (z % 40) - 5)
          if (d < 5) hu = d > 3 ? 1000 : 300
        }
        ct[v] = Math.round(hu + noise[((i * 7919) ^ (j * 104729) ^ (k * 1299709)) & 0xffff])
        v++
      }
    }
  }
  return {
    ct,
    geometry: { dims: [nx, ny, nz], spacingMm, originMm: [0, 0, 0], direction: IDENTITY_DIRECTION },
  }
}

let big: Volume | null = null
let mid: Volume | null = null
const volumes = (): { big: Volume; mid: Volume } => {
  big ??= syntheticCt(512, 512, 163, [0.78, 0.78, 2])
  mid ??= syntheticCt(256, 256, 200, [1.2, 1.2, 1.25])
  return { big, mid }
}

/** vtk.js's marching cubes, loaded lazily (its modules have no .d.ts; `.js` paths are needed under tsx). */
interface VtkModules {
  readonly mc: { newInstance(init: object): VtkFilter }
  readonly image: { newInstance(): VtkImage }
  readonly array: { newInstance(init: object): unknown }
}
interface VtkFilter {
  setInputData(d: VtkImage): void
  getOutputData(): {
    getPolys(): { getNumberOfCells(): number }
    getPoints(): { getNumberOfPoints(): number }
  }
}
interface VtkImage {
  setDimensions(x: number, y: number, z: number): void
  setSpacing(x: number, y: number, z: number): void
  getPointData(): { setScalars(a: unknown): void }
}

async function loadVtk(): Promise<VtkModules | null> {
  const base = '@kitware/vtk.js/'
  try {
    const [mc, image, array] = (await Promise.all([
      import(/* @vite-ignore */ `${base}Filters/General/ImageMarchingCubes.js`),
      import(/* @vite-ignore */ `${base}Common/DataModel/ImageData.js`),
      import(/* @vite-ignore */ `${base}Common/Core/DataArray.js`),
    ])) as { default: unknown }[]
    return { mc: mc.default, image: image.default, array: array.default } as VtkModules
  } catch (e) {
    console.log('surface.bench: vtk.js could not be imported, comparison skipped:', String(e))
    return null
  }
}

const vtk = await loadVtk()

function vtkMarchingCubes(vol: Volume, contourValue: number): number {
  if (!vtk) return 0
  const img = vtk.image.newInstance()
  const [nx, ny, nz] = vol.geometry.dims
  img.setDimensions(nx, ny, nz)
  img.setSpacing(...vol.geometry.spacingMm)
  img.getPointData().setScalars(vtk.array.newInstance({ numberOfComponents: 1, values: vol.ct }))
  const filter = vtk.mc.newInstance({ contourValue, computeNormals: false, mergePoints: true })
  filter.setInputData(img)
  return filter.getOutputData().getPolys().getNumberOfCells()
}

/** The runner's benchmark shape (bench/run.ts): `setup` untimed, `run` timed, a returned string is printed. */
interface Benchmark {
  name: string
  setup?: () => void
  run: () => string
}

const ours = (name: string, pick: () => Volume, options: SurfaceOptions = {}): Benchmark => {
  let closed = ''
  const extract = () => {
    const vol = pick()
    return extractSurface({ kind: 'scalar', values: vol.ct, geometry: vol.geometry }, options)
  }
  return {
    name,
    // Builds the volume, warms up the JIT and checks the mesh once, all untimed.
    setup: () => {
      closed = isClosedManifold(extract()) ? 'closed' : 'NOT CLOSED'
    },
    run: () => {
      const mesh = extract()
      return `${mesh.triangleCount} triangles, ${mesh.vertexCount} vertices, ${closed}`
    },
  }
}

const theirs = (name: string, pick: () => Volume): Benchmark => ({
  name,
  setup: () => void pick(),
  run: () => {
    // vtk.js wraps its filter in console.time('mcubes'); silence it so the runner's output stays readable.
    const { time, timeEnd } = console
    console.time = console.timeEnd = (): void => undefined
    try {
      return `${vtkMarchingCubes(pick(), 200)} triangles (vtk.js, mergePoints)`
    } finally {
      console.time = time
      console.timeEnd = timeEnd
    }
  },
})

/** Benchmarks for bench/run.ts: ours and vtk.js on the same volumes, in the same run. */
export const benchmarks: Benchmark[] = [
  ours('surface: ours 512×512×163 @200 HU', () => volumes().big),
  ...(vtk ? [theirs('surface: vtk.js 512×512×163 @200 HU', () => volumes().big)] : []),
  ours('surface: ours 256×256×200 @200 HU', () => volumes().mid),
  ...(vtk ? [theirs('surface: vtk.js 256×256×200 @200 HU', () => volumes().mid)] : []),
  ours('surface: ours 256×256×200 bone preset (150 k triangles)', () => volumes().mid, {
    ...BONE_SURFACE_OPTIONS,
    maxTriangles: 150_000,
  }),
]
