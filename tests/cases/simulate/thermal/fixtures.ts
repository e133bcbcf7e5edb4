/** Small synthetic volumes and plans for the thermal simulation tests. */
import { S } from '../../../../src/lib/anatomy'
import type { VolumeGeometry } from '../../../../src/lib/space'
import { normalize, type Vec3 } from '../../../../src/lib/vec3'
import type { CtVolume } from '../../../../src/cases/volume'
import { PLAN_VERSION, createDevice, type Device, type Plan } from '../../../../src/plan'

/** An oblique orthonormal frame (rotated about two axes) so that the plan → sim mapping is exercised. */
export function obliqueDirection(): VolumeGeometry['direction'] {
  const a = 0.35
  const b = -0.2
  const ca = Math.cos(a)
  const sa = Math.sin(a)
  const cb = Math.cos(b)
  const sb = Math.sin(b)
  // Rz(a) · Rx(b), columns as the i, j, k axes.
  const i: Vec3 = [ca, sa, 0]
  const j: Vec3 = [-sa * cb, ca * cb, sb]
  const k: Vec3 = normalize([sa * sb, -ca * sb, cb])
  return [i, j, k]
}

/**
 * A cube of one tissue (default muscle) with an optional slab of another label, `n`³ voxels of `spacingMm`,
 * centred on the LPS origin.
 */
export function uniformVolume(opts: {
  n?: number
  spacingMm?: number
  label?: number
  oblique?: boolean
  slab?: { label: number; axis: 0 | 1 | 2; from: number; to: number }
}): CtVolume {
  const n = opts.n ?? 80
  const h = opts.spacingMm ?? 1
  const direction: VolumeGeometry['direction'] = opts.oblique
    ? obliqueDirection()
    : [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]
  const half = ((n - 1) * h) / 2
  const [di, dj, dk] = direction
  const originMm: Vec3 = [
    -half * (di[0] + dj[0] + dk[0]),
    -half * (di[1] + dj[1] + dk[1]),
    -half * (di[2] + dj[2] + dk[2]),
  ]
  const labels = new Uint8Array(n * n * n).fill(opts.label ?? S.muscle)
  if (opts.slab) {
    const { axis, from, to, label } = opts.slab
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const c = [i, j, k][axis]
          if (c >= from && c <= to) labels[i + n * (j + n * k)] = label
        }
      }
    }
  }
  return {
    id: `synthetic-${n}-${h}`,
    name: 'synthetic',
    source: 'builtin',
    geometry: { dims: [n, n, n], spacingMm: [h, h, h], originMm, direction },
    ct: new Int16Array(n * n * n).fill(40),
    labels,
  }
}

/** A plan on the synthetic volume with the given devices and protections. */
export function planWith(devices: Device[], protections: Plan['protections'] = []): Plan {
  return {
    version: PLAN_VERSION,
    title: 'Thermal test',
    notes: '',
    scan: { kind: 'builtin', caseId: 'synthetic' },
    targets: [],
    devices,
    protections,
  }
}

/** A microwave antenna with its tip at `tipMm`, entering along `dir` from 60 mm away. */
export function antenna(tipMm: Vec3, dir: Vec3, params: Partial<Device> = {}): Device {
  const d = normalize(dir)
  const entry: Vec3 = [tipMm[0] + 60 * d[0], tipMm[1] + 60 * d[1], tipMm[2] + 60 * d[2]]
  return { ...createDevice('mwAntenna', entry, tipMm, { id: 'mw-1' }), ...params } as Device
}
