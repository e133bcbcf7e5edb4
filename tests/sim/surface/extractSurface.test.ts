import { describe, expect, it } from 'vitest'
import { ijkToWorld, worldToIjk } from '../../../src/lib/space'
import type { Vec3 } from '../../../src/lib/vec3'
import {
  countShells,
  eulerCharacteristic,
  extractSurface,
  isClosedManifold,
  isConsistentlyOriented,
  meshBounds,
  meshVolumeMm3,
  type SurfaceMesh,
} from '../../../src/sim/surface'
import {
  geometryAround,
  huFromDistance,
  makeGeometry,
  offCentre,
  relErr,
  sampleInt16,
  sampleMask,
  sphereSd,
} from './fixtures'

const R = 10

function expectWatertight(mesh: SurfaceMesh): void {
  expect(mesh.triangleCount).toBeGreaterThan(0)
  expect(isClosedManifold(mesh)).toBe(true)
  expect(isConsistentlyOriented(mesh)).toBe(true)
  expect(meshVolumeMm3(mesh)).toBeGreaterThan(0)
}

function radiusRange(mesh: SurfaceMesh, c: Vec3): { min: number; max: number } {
  let min = Infinity
  let max = -Infinity
  const p = mesh.positions
  for (let v = 0; v < p.length; v += 3) {
    const r = Math.hypot(p[v] - c[0], p[v + 1] - c[1], p[v + 2] - c[2])
    min = Math.min(min, r)
    max = Math.max(max, r)
  }
  return { min, max }
}

describe('extractSurface: sphere r = 10 mm on a CT-like field', () => {
  for (const spacing of [
    [1, 1, 1],
    [0.7, 0.7, 1.5],
  ] as const) {
    it(`is closed, outward, and matches the analytic volume at ${spacing.join('×')} mm`, () => {
      const g = geometryAround(R, spacing)
      const c = offCentre(g)
      const ct = sampleInt16(g, huFromDistance(sphereSd(c, R)))
      const mesh = extractSurface({ kind: 'scalar', values: ct, geometry: g })
      expectWatertight(mesh)
      expect(eulerCharacteristic(mesh)).toBe(2)
      expect(countShells(mesh)).toBe(1)

      const analytic = (4 / 3) * Math.PI * R ** 3
      let inside = 0
      for (const v of ct) if (v >= 200) inside++
      const voxelVolume = inside * spacing[0] * spacing[1] * spacing[2]
      const vol = meshVolumeMm3(mesh)
      // 3 %: the brief's bound; chords of a convex surface cut inside it by O(h²/R) ≈ 0.5 % here.
      expect(relErr(vol, analytic)).toBeLessThan(0.03)
      expect(relErr(vol, voxelVolume)).toBeLessThan(0.03)

      // Every vertex within half the finest voxel of the sphere (linear interpolation of a distance field).
      const { min, max } = radiusRange(mesh, c)
      const half = 0.5 * Math.min(...spacing)
      expect(R - min).toBeLessThan(half)
      expect(max - R).toBeLessThan(half)
    })
  }

  it('interpolates far better than half a voxel on a smooth field', () => {
    const g = geometryAround(R, [1, 1, 1])
    const c = offCentre(g)
    const mesh = extractSurface({
      kind: 'scalar',
      values: sampleInt16(g, huFromDistance(sphereSd(c, R))),
      geometry: g,
    })
    const { min, max } = radiusRange(mesh, c)
    // 0.05 mm: chord sag of |x| along a 1 mm edge at R = 10 is ≤ 1/(8R) ≈ 0.0125 mm, HU rounding 0.005 mm.
    expect(Math.max(R - min, max - R)).toBeLessThan(0.05)
  })
})

describe('extractSurface: label masks', () => {
  it('a binary sphere mask stays within half a voxel and 3 % of both volumes', () => {
    const spacing = [0.7, 0.7, 1.5] as const
    const g = geometryAround(R, spacing)
    const c = offCentre(g)
    const labels = sampleMask(g, (p) => sphereSd(c, R)(p) <= 0)
    const mesh = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 1 })
    expectWatertight(mesh)
    let inside = 0
    for (const v of labels) inside += v
    const voxelVolume = inside * spacing[0] * spacing[1] * spacing[2]
    const vol = meshVolumeMm3(mesh)
    // 3 %: the brief's bound; the midpoint surface chamfers voxel corners, losing a thin layer.
    expect(relErr(vol, (4 / 3) * Math.PI * R ** 3)).toBeLessThan(0.03)
    expect(relErr(vol, voxelVolume)).toBeLessThan(0.03)
    // Midpoints between an inside and an outside voxel centre are within half that edge of the sphere.
    const { min, max } = radiusRange(mesh, c)
    const half = 0.5 * Math.max(...spacing)
    expect(R - min).toBeLessThanOrEqual(half)
    expect(max - R).toBeLessThanOrEqual(half)
  })

  it('a box mask has the exact polyhedral volume of its chamfered voxel hull', () => {
    // n voxels per side: V = nx·ny·nz − ((nx−1)+(ny−1)+(nz−1))/2 − 5/6 voxels (12 edge prisms of
    // section 1/8, 8 corner losses of 5/48), exact for midpoint vertices.
    const spacing = [0.8, 1.1, 2.5] as const
    const g = makeGeometry({ dims: [12, 10, 9], spacingMm: spacing })
    const [lo, hi] = [
      [2, 3, 1],
      [8, 6, 7],
    ]
    const labels = sampleMask(g, (_p, q) => q.every((x, a) => x >= lo[a] && x <= hi[a]))
    const mesh = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: [1] })
    expectWatertight(mesh)
    const n = [0, 1, 2].map((a) => hi[a] - lo[a] + 1)
    const voxels = n[0] * n[1] * n[2] - (n[0] - 1 + n[1] - 1 + n[2] - 1) / 2 - 5 / 6
    // 1e-6 relative: only Float32 rounding separates the mesh from the exact polyhedron.
    expect(relErr(meshVolumeMm3(mesh), voxels * spacing[0] * spacing[1] * spacing[2])).toBeLessThan(
      1e-6,
    )
  })

  it('closes a mask that fills the whole volume (every face on the border)', () => {
    const g = makeGeometry({ dims: [5, 4, 3], spacingMm: [1, 2, 3] })
    const labels = new Uint8Array(60).fill(7)
    const mesh = extractSurface({ kind: 'labels', labels, geometry: g, labelIds: 7 })
    expectWatertight(mesh)
    const voxels = 60 - (4 + 3 + 2) / 2 - 5 / 6
    // 1e-6 relative: Float32 positions, exact polyhedron.
    expect(relErr(meshVolumeMm3(mesh), voxels * 6)).toBeLessThan(1e-6)
    const b = meshBounds(mesh)
    // The padding puts the border faces half a voxel outside the outer voxel centres.
    expect(b.min[0]).toBeCloseTo(-0.5, 5)
    expect(b.max[2]).toBeCloseTo(2.5 * 3, 5)
  })
})

describe('extractSurface: topology', () => {
  it('a torus has Euler characteristic 0 and the analytic volume', () => {
    const Rt = 12
    const rt = 4
    const g = makeGeometry({ dims: [36, 36, 14], originMm: [-17.6, -17.4, -6.3] })
    const sd = (p: Vec3): number => Math.hypot(Math.hypot(p[0], p[1]) - Rt, p[2]) - rt
    const mesh = extractSurface({
      kind: 'scalar',
      values: sampleInt16(g, huFromDistance(sd)),
      geometry: g,
    })
    expectWatertight(mesh)
    expect(eulerCharacteristic(mesh)).toBe(0)
    expect(countShells(mesh)).toBe(1)
    // 3 %: as for the sphere (chord error O(h²/r) with r = 4 mm).
    expect(relErr(meshVolumeMm3(mesh), 2 * Math.PI ** 2 * Rt * rt * rt)).toBeLessThan(0.03)
  })

  it('a hollow sphere gives two shells without hole filling and one with it', () => {
    const g = geometryAround(12, [1, 1, 1])
    const c = offCentre(g)
    const sd = (p: Vec3): number => Math.max(sphereSd(c, 12)(p), -sphereSd(c, 6)(p))
    const ct = sampleInt16(g, huFromDistance(sd))
    const open = extractSurface({ kind: 'scalar', values: ct, geometry: g })
    const filled = extractSurface({ kind: 'scalar', values: ct, geometry: g }, { fillHoles: true })
    for (const m of [open, filled]) expectWatertight(m)
    expect(countShells(open)).toBe(2)
    expect(eulerCharacteristic(open)).toBe(4)
    expect(countShells(filled)).toBe(1)
    const ball = (r: number): number => (4 / 3) * Math.PI * r ** 3
    // 3 %: as above.
    expect(relErr(meshVolumeMm3(open), ball(12) - ball(6))).toBeLessThan(0.03)
    expect(relErr(meshVolumeMm3(filled), ball(12))).toBeLessThan(0.03)
  })

  it('closes a sphere cut by the volume border', () => {
    const g = makeGeometry({ dims: [14, 14, 14], spacingMm: [1, 1, 1.5] })
    const c: Vec3 = [2, 3, 1]
    const mesh = extractSurface({
      kind: 'scalar',
      values: sampleInt16(g, huFromDistance(sphereSd(c, 9))),
      geometry: g,
    })
    expectWatertight(mesh)
    expect(eulerCharacteristic(mesh)).toBe(2)
  })
})

describe('extractSurface: LPS geometry', () => {
  const oblique = makeGeometry({
    dims: [7, 8, 9],
    spacingMm: [0.6, 0.9, 2.5],
    originMm: [-120.5, 33.25, 410],
    direction: [
      [Math.cos(0.4), Math.sin(0.4), 0],
      [-Math.sin(0.4) * Math.cos(0.2), Math.cos(0.4) * Math.cos(0.2), Math.sin(0.2)],
      [Math.sin(0.4) * Math.sin(0.2), -Math.cos(0.4) * Math.sin(0.2), Math.cos(0.2)],
    ],
  })

  it('a single voxel becomes the octahedron of its face centres, in LPS mm', () => {
    const labels = new Uint8Array(7 * 8 * 9)
    labels[3 + 7 * (4 + 8 * 5)] = 1
    const mesh = extractSurface({ kind: 'labels', labels, geometry: oblique, labelIds: 1 })
    expectWatertight(mesh)
    expect(mesh.vertexCount).toBe(6)
    const expected: Vec3[] = []
    for (let a = 0; a < 3; a++) {
      for (const s of [-0.5, 0.5]) {
        const q: [number, number, number] = [3, 4, 5]
        q[a] += s
        expected.push(ijkToWorld(oblique, q))
      }
    }
    for (let v = 0; v < 6; v++) {
      const p = [mesh.positions[3 * v], mesh.positions[3 * v + 1], mesh.positions[3 * v + 2]]
      const d = Math.min(...expected.map((e) => Math.hypot(p[0] - e[0], p[1] - e[1], p[2] - e[2])))
      // 1e-4 mm: Float32 rounding of coordinates up to ~420 mm (ulp ≈ 3e-5 mm).
      expect(d).toBeLessThan(1e-4)
    }
    // The octahedron spans one voxel along each axis: volume = sx·sy·sz / 6.
    expect(relErr(meshVolumeMm3(mesh), (0.6 * 0.9 * 2.5) / 6)).toBeLessThan(1e-4)
  })

  it('puts interpolated vertices on a known plane of a linear field', () => {
    // v = 200 + 150·(i − 2.3): the 200 HU level is the plane i = 2.3, exact for linear interpolation.
    const g = { ...oblique, dims: [7, 8, 9] as const }
    const values = new Float32Array(7 * 8 * 9)
    for (let n = 0; n < values.length; n++) values[n] = 200 + 150 * ((n % 7) - 2.3)
    const mesh = extractSurface({ kind: 'scalar', values, geometry: g })
    expectWatertight(mesh)
    let onPlane = 0
    for (let v = 0; v < mesh.vertexCount; v++) {
      const q = worldToIjk(g, [
        mesh.positions[3 * v],
        mesh.positions[3 * v + 1],
        mesh.positions[3 * v + 2],
      ])
      // Other vertices lie on the padded border faces (index −0.5 or n − 0.5).
      const isBorder = q.some(
        (x, a) => Math.abs(x + 0.5) < 1e-3 || Math.abs(x - (g.dims[a] - 0.5)) < 1e-3,
      )
      if (!isBorder) {
        // 1e-4 voxel: Float32 positions near 400 mm.
        expect(Math.abs(q[0] - 2.3)).toBeLessThan(1e-4)
        onPlane++
      }
    }
    expect(onPlane).toBeGreaterThan(0)
    // Box from i = 2.3 to 6.5, j, k across the padded volume.
    const vol = (6.5 - 2.3) * 8 * 9 * 0.6 * 0.9 * 2.5
    // Volume minus chamfers on the 8 border edges/corners of the slab; 5 % covers them (estimate ≈ 3 %).
    expect(relErr(meshVolumeMm3(mesh), vol)).toBeLessThan(0.05)
  })
})

describe('extractSurface: downsampling', () => {
  const g = geometryAround(R, [0.5, 0.5, 0.5])
  const c = offCentre(g)
  const ct = sampleInt16(g, huFromDistance(sphereSd(c, R)))

  it('block means of 2×2×2 keep the sphere in place and its volume within 3 %', () => {
    const mesh = extractSurface({ kind: 'scalar', values: ct, geometry: g }, { downsample: 2 })
    expectWatertight(mesh)
    // 3 %: as at full resolution, now with 1 mm voxels.
    expect(relErr(meshVolumeMm3(mesh), (4 / 3) * Math.PI * R ** 3)).toBeLessThan(0.03)
    // The coarse grid's origin is the first block's centre: a half-voxel slip would move the centroid.
    const centroid = [0, 0, 0]
    for (let v = 0; v < mesh.positions.length; v++) {
      centroid[v % 3] += mesh.positions[v] / mesh.vertexCount
    }
    // 0.05 mm: a tenth of the fine voxel; the vertex distribution is nearly symmetric.
    for (let a = 0; a < 3; a++) expect(Math.abs(centroid[a] - c[a])).toBeLessThan(0.05)
  })

  it('maxVoxels raises the factor until the region fits', () => {
    const voxels = g.dims[0] * g.dims[1] * g.dims[2]
    const byBudget = extractSurface(
      { kind: 'scalar', values: ct, geometry: g },
      { maxVoxels: voxels / 8 + 1 },
    )
    const byFactor = extractSurface({ kind: 'scalar', values: ct, geometry: g }, { downsample: 2 })
    expect(byBudget.triangleCount).toBe(byFactor.triangleCount)
  })

  it('rejects a geometry that does not match the data', () => {
    expect(() =>
      extractSurface({ kind: 'scalar', values: new Int16Array(10), geometry: g }),
    ).toThrow(/voxels/)
  })
})

describe('extractSurface: regions and ties', () => {
  it('a region meshes exactly like the cropped volume, closed at the region border', () => {
    const g = geometryAround(R, [1, 1, 1.5])
    const ct = sampleInt16(g, huFromDistance(sphereSd(offCentre(g), R)))
    const min = [3, 5, 2] as const
    const max = [g.dims[0] - 1, 17, g.dims[2] - 3] as const
    const viaRegion = extractSurface(
      { kind: 'scalar', values: ct, geometry: g },
      { region: { min, max } },
    )
    const dims = [max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1] as const
    const crop = new Int16Array(dims[0] * dims[1] * dims[2])
    let n = 0
    for (let k = min[2]; k <= max[2]; k++) {
      for (let j = min[1]; j <= max[1]; j++) {
        for (let i = min[0]; i <= max[0]; i++) crop[n++] = ct[i + g.dims[0] * (j + g.dims[1] * k)]!
      }
    }
    const cropped = extractSurface({
      kind: 'scalar',
      values: crop,
      geometry: { ...g, dims, originMm: ijkToWorld(g, min) },
    })
    expectWatertight(viaRegion)
    expect(viaRegion.triangleCount).toBe(cropped.triangleCount)
    // 1e-9 relative: same cubes and values, origins differing only by float rounding.
    expect(relErr(meshVolumeMm3(viaRegion), meshVolumeMm3(cropped))).toBeLessThan(1e-9)
    // No vertex beyond half a voxel outside the region.
    for (let v = 0; v < viaRegion.vertexCount; v++) {
      const q = worldToIjk(g, [
        viaRegion.positions[3 * v],
        viaRegion.positions[3 * v + 1],
        viaRegion.positions[3 * v + 2],
      ])
      for (let a = 0; a < 3; a++) {
        // 1e-4 voxel: Float32 rounding.
        expect(q[a]).toBeGreaterThanOrEqual(min[a] - 0.5 - 1e-4)
        expect(q[a]).toBeLessThanOrEqual(max[a] + 0.5 + 1e-4)
      }
    }
  })

  it('voxels exactly at the threshold give no degenerate triangles', () => {
    const g = makeGeometry({ dims: [10, 9, 8] })
    const levels = [150, 200, 250]
    const values = new Int16Array(720).map((_, n) => levels[(n * 7 + (n >> 3)) % 3])
    const mesh = extractSurface({ kind: 'scalar', values, geometry: g })
    expectWatertight(mesh)
    let minArea = Infinity
    const p = mesh.positions
    const ix = mesh.indices
    for (let t = 0; t < ix.length; t += 3) {
      const [a, b, c] = [3 * ix[t], 3 * ix[t + 1], 3 * ix[t + 2]]
      const u = [p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]]
      const v = [p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]]
      const area = Math.hypot(
        u[1] * v[2] - u[2] * v[1],
        u[2] * v[0] - u[0] * v[2],
        u[0] * v[1] - u[1] * v[0],
      )
      minArea = Math.min(minArea, area)
    }
    // Vertices are kept ≥ 1 % of an edge from the corners, so no triangle collapses to zero area.
    expect(minArea).toBeGreaterThan(0)
  })
})
