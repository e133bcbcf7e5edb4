/** Extracted meshes live here, keyed by group id, beside the store (big typed arrays stay out of it). */
import type { SurfaceMesh } from '../sim/surface'

/** A mesh ready to draw. */
export interface StructureMesh {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly mesh: SurfaceMesh
}

let meshes: readonly StructureMesh[] = []

/** Replaces the current meshes. */
export function setMeshes(m: readonly StructureMesh[]): void {
  meshes = m
}

/** The current meshes. */
export const getMeshes = (): readonly StructureMesh[] => meshes
