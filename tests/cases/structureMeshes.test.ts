/**
 * The 3D model against the phantom's ground truth: a vertebra's mesh encloses the volume its labels
 * occupy, and a point set in patient space (a label centroid) lands inside the same structure's mesh once
 * mapped through the one LPS → scene transform.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCatalogVolume } from '../../src/cases/catalog'
import { BONE_LABELS, structureGroups } from '../../src/cases/structureGroups'
import type { CtVolume } from '../../src/cases/volume'
import { S } from '../../src/lib/anatomy'
import { lpsToScene } from '../../src/lib/sceneFrame'
import { centerWorld, ijkToWorld } from '../../src/lib/space'
import type { Vec3 } from '../../src/lib/vec3'
import {
  BONE_SURFACE_OPTIONS,
  extractLabelSurfaces,
  isClosedManifold,
  meshVolumeMm3,
  type SurfaceMesh,
} from '../../src/sim/surface'

let v: CtVolume
let l4: SurfaceMesh
let l4Part: number

beforeAll(() => {
  v = generateCatalogVolume('l3-rcc-lytic')
  l4Part = v.partNames!.indexOf('L4')
  const group = structureGroups(v).find((g) => g.id === 'bone-L4')!
  // The app's bone options, without decimation, so the volume is the extraction's own.
  const [surface] = extractLabelSurfaces(v.labels!, v.parts, v.geometry, [group], {
    ...BONE_SURFACE_OPTIONS,
    maxTriangles: undefined,
  })
  l4 = surface.mesh
}, 120_000)

/** Ray-parity inside test along +x (positions and point in the same frame). */
function inside(mesh: SurfaceMesh, p: Vec3, offset: Vec3): boolean {
  const P = mesh.positions
  const I = mesh.indices
  let crossings = 0
  for (let t = 0; t < I.length; t += 3) {
    const a = [0, 1, 2].map((c) => [
      P[3 * I[t + c]] - offset[0],
      P[3 * I[t + c] + 1] - offset[1],
      P[3 * I[t + c] + 2] - offset[2],
    ])
    // Intersect the ray p + s·x̂ (s > 0) with the triangle, using barycentric coordinates in the y–z plane.
    const [A, B, C] = a as [number[], number[], number[]]
    const d = (B[1] - A[1]) * (C[2] - A[2]) - (C[1] - A[1]) * (B[2] - A[2])
    if (Math.abs(d) < 1e-12) continue
    const u = ((p[1] - A[1]) * (C[2] - A[2]) - (C[1] - A[1]) * (p[2] - A[2])) / d
    const w = ((B[1] - A[1]) * (p[2] - A[2]) - (p[1] - A[1]) * (B[2] - A[2])) / d
    if (u < 0 || w < 0 || u + w > 1) continue
    const x = A[0] + u * (B[0] - A[0]) + w * (C[0] - A[0])
    if (x > p[0]) crossings++
  }
  return crossings % 2 === 1
}

describe('structure meshes on the lumbar phantom', () => {
  it('the L4 mesh is closed and encloses the L4 bone voxels within 3 %', () => {
    expect(isClosedManifold(l4)).toBe(true)
    const bone = new Set(BONE_LABELS)
    const [dx, dy, dz] = v.geometry.spacingMm
    let n = 0
    for (let i = 0; i < v.labels!.length; i++) {
      if (v.parts![i] === l4Part && bone.has(v.labels![i])) n++
    }
    const labelMm3 = n * dx * dy * dz
    const meshMm3 = meshVolumeMm3(l4)
    expect(Math.abs(meshMm3 - labelMm3) / labelMm3).toBeLessThan(0.03)
  })

  it('the L4 trabecular centroid, set in LPS mm, lands inside the L4 mesh in scene coordinates', () => {
    const [nx, ny] = v.geometry.dims
    let si = 0
    let sj = 0
    let sk = 0
    let n = 0
    for (let idx = 0; idx < v.labels!.length; idx++) {
      if (v.parts![idx] !== l4Part || v.labels![idx] !== S.trabecularBone) continue
      si += idx % nx
      sj += Math.floor(idx / nx) % ny
      sk += Math.floor(idx / (nx * ny))
      n++
    }
    // The centroid itself falls in the basivertebral venous channel, which opens posteriorly (a tunnel,
    // not bone): take the trabecular voxel nearest to it, a point of the L4 body.
    const centroid: Vec3 = [si / n, sj / n, sk / n]
    let best = Infinity
    let point: Vec3 = centroid
    for (let idx = 0; idx < v.labels!.length; idx++) {
      if (v.parts![idx] !== l4Part || v.labels![idx] !== S.trabecularBone) continue
      const q: Vec3 = [idx % nx, Math.floor(idx / nx) % ny, Math.floor(idx / (nx * ny))]
      const d = (q[0] - centroid[0]) ** 2 + (q[1] - centroid[1]) ** 2 + (q[2] - centroid[2]) ** 2
      if (d < best) {
        best = d
        point = q
      }
    }
    expect(Math.sqrt(best)).toBeLessThan(6)
    const centroidIjk = point
    const frame = { centreMm: centerWorld(v.geometry) }
    const pScene = lpsToScene(frame, ijkToWorld(v.geometry, centroidIjk))
    // Mesh vertices are LPS mm; in the scene they are shifted by the same frame centre.
    expect(inside(l4, pScene, frame.centreMm)).toBe(true)
    // A control: 60 mm anterior of the body (psoas/bowel side) is outside the vertebra.
    expect(inside(l4, [pScene[0], pScene[1] - 60, pScene[2]], frame.centreMm)).toBe(false)
  })
})
