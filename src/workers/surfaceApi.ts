/**
 * The surface-extraction API the worker exposes, kept apart from the worker entry so tests can expose it
 * on a MessageChannel. Imports only the pure `sim` layer and comlink. Result meshes are transferred.
 */
import * as Comlink from 'comlink'
import type { VolumeGeometry } from '../lib/space'
import {
  extractLabelSurfaces,
  extractSurface,
  type LabelSurface,
  type LabelSurfaceGroup,
  type SurfaceMesh,
  type SurfaceOptions,
  type SurfaceProgress,
  type SurfaceSource,
} from '../sim/surface'

const meshBuffers = (m: SurfaceMesh): ArrayBuffer[] => [
  m.positions.buffer as ArrayBuffer,
  m.indices.buffer as ArrayBuffer,
  m.normals.buffer as ArrayBuffer,
]

/** Forwards progress to the caller's proxied callback without awaiting the round trip. */
const forward =
  (onProgress: SurfaceProgress | undefined): SurfaceProgress | undefined =>
  (f, stage) => {
    if (onProgress) void (onProgress as unknown as Comlink.Remote<SurfaceProgress>)(f, stage)
  }

/** Lets the caller's progress proxy (a MessageChannel) be garbage-collected once the call is done. */
const release = (onProgress: SurfaceProgress | undefined): void => {
  if (onProgress) (onProgress as unknown as Comlink.Remote<SurfaceProgress>)[Comlink.releaseProxy]()
}

/** Functions the surface worker exposes. */
export const surfaceApi = {
  /** extractSurface in the worker; the mesh buffers are transferred back. */
  extractSurface(
    source: SurfaceSource,
    options?: SurfaceOptions,
    onProgress?: SurfaceProgress,
  ): SurfaceMesh {
    try {
      const mesh = extractSurface(source, options, forward(onProgress))
      return Comlink.transfer(mesh, meshBuffers(mesh))
    } finally {
      release(onProgress)
    }
  },
  /** extractLabelSurfaces in the worker; every mesh's buffers are transferred back. */
  extractLabelSurfaces(
    labels: Uint8Array | Uint16Array,
    parts: Uint8Array | Uint16Array | null,
    geometry: VolumeGeometry,
    groups: readonly LabelSurfaceGroup[],
    options?: SurfaceOptions,
    onProgress?: SurfaceProgress,
  ): LabelSurface[] {
    try {
      const out = extractLabelSurfaces(
        labels,
        parts,
        geometry,
        groups,
        options,
        forward(onProgress),
      )
      return Comlink.transfer(
        out,
        out.flatMap((s) => meshBuffers(s.mesh)),
      )
    } finally {
      release(onProgress)
    }
  },
}
