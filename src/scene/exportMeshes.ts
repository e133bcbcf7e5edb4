/**
 * Exports the structure meshes for 3-D printing and other tools, in patient coordinates (DICOM LPS mm),
 * with three's own exporters: binary STL (all chosen meshes merged) and binary glTF (one node per structure,
 * with its colour).
 */
import { BufferAttribute, BufferGeometry, Color, Group, Mesh, MeshStandardMaterial } from 'three'
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js'
import { STLExporter } from 'three/examples/jsm/exporters/STLExporter.js'
import type { StructureMesh } from '../store/meshRegistry'

function toGroup(meshes: readonly StructureMesh[]): Group {
  const group = new Group()
  group.name = 'OsteoPlan structures (LPS mm)'
  for (const m of meshes) {
    const g = new BufferGeometry()
    g.setAttribute('position', new BufferAttribute(m.mesh.positions, 3))
    g.setAttribute('normal', new BufferAttribute(m.mesh.normals, 3))
    g.setIndex(new BufferAttribute(m.mesh.indices, 1))
    const mesh = new Mesh(
      g,
      new MeshStandardMaterial({ color: new Color(m.color), roughness: 0.7 }),
    )
    mesh.name = m.name
    group.add(mesh)
  }
  return group
}

function dispose(group: Group): void {
  group.traverse((o) => {
    if (o instanceof Mesh) {
      ;(o.geometry as BufferGeometry).dispose()
      ;(o.material as MeshStandardMaterial).dispose()
    }
  })
}

/** Binary STL of the meshes. */
export function meshesToStl(meshes: readonly StructureMesh[]): Blob {
  const group = toGroup(meshes)
  const view = new STLExporter().parse(group, { binary: true }) as DataView
  dispose(group)
  return new Blob([view.buffer as ArrayBuffer], { type: 'model/stl' })
}

/** Binary glTF (GLB) of the meshes. */
export async function meshesToGlb(meshes: readonly StructureMesh[]): Promise<Blob> {
  const group = toGroup(meshes)
  try {
    const result = await new GLTFExporter().parseAsync(group, { binary: true })
    return new Blob([result as ArrayBuffer], { type: 'model/gltf-binary' })
  } finally {
    dispose(group)
  }
}
