/**
 * Simulation overlays in 3-D: iso-surfaces of field overlays (contours marked `show3d`) at the scrubber's
 * time, and polylines as tubes, in the scene frame. Surfaces come from the same marching cubes as the
 * bones, on the overlay's own (small) grid, memoised per overlay frame and level.
 */
import { useThree } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import {
  BufferAttribute,
  BufferGeometry,
  CatmullRomCurve3,
  DoubleSide,
  TubeGeometry,
  Vector3,
} from 'three'
import { contourColor } from '../../lib/colormaps'
import { frameIndexAt, type FieldOverlay, type PolylineOverlay } from '../../lib/fieldOverlay'
import { lpsToScene, type SceneFrame } from '../../lib/sceneFrame'
import { extractSurface } from '../../sim/surface'
import { useAppStore } from '../../store/appStore'
import { shownOverlays } from '../../store/slices/simSlice'

interface Surface {
  readonly key: string
  readonly geometry: BufferGeometry
  readonly color: string
  readonly opacity: number
}

const cache = new WeakMap<Float32Array, Map<string, BufferGeometry | null>>()

/** The iso-surface of one frame at one level, in the scene frame (null when empty). */
function isoGeometry(
  o: FieldOverlay,
  data: Float32Array,
  level: number,
  below: boolean,
  frame: SceneFrame,
): BufferGeometry | null {
  const key = `${level}/${below}/${frame.centreMm.join(',')}`
  let perData = cache.get(data)
  if (!perData) {
    perData = new Map()
    cache.set(data, perData)
  }
  if (perData.has(key)) return perData.get(key) ?? null
  const values = below ? data.map((v) => -v) : data
  const mesh = extractSurface(
    { kind: 'scalar', values, geometry: o.grid },
    { threshold: below ? -level : level, smoothing: { iterations: 4 } },
  )
  let g: BufferGeometry | null = null
  if (mesh.triangleCount > 0) {
    const p = new Float32Array(mesh.positions.length)
    for (let n = 0; n < p.length; n += 3) {
      const s = lpsToScene(frame, [
        mesh.positions[n]!,
        mesh.positions[n + 1]!,
        mesh.positions[n + 2]!,
      ])
      p[n] = s[0]
      p[n + 1] = s[1]
      p[n + 2] = s[2]
    }
    g = new BufferGeometry()
    g.setAttribute('position', new BufferAttribute(p, 3))
    g.setAttribute('normal', new BufferAttribute(mesh.normals, 3))
    g.setIndex(new BufferAttribute(mesh.indices, 1))
    g.computeBoundingSphere()
  }
  perData.set(key, g)
  return g
}

function tube(p: PolylineOverlay, frame: SceneFrame): BufferGeometry | null {
  if (p.points.length < 2) return null
  const pts = p.points.map((q) => new Vector3(...lpsToScene(frame, q)))
  const curve = new CatmullRomCurve3(pts, false, 'centripetal', 0)
  return new TubeGeometry(curve, Math.max(8, pts.length * 4), p.radiusMm, 8, false)
}

/** The overlays of finished simulations and live previews. */
export function SimOverlays({ frame }: { frame: SceneFrame }) {
  const shown = useAppStore(shownOverlays)
  const timeS = useAppStore((s) => s.simTimeS)
  const palette = useAppStore((s) => s.overlayPalette)
  const invalidate = useThree((s) => s.invalidate)

  const surfaces = useMemo<Surface[]>(() => {
    const out: Surface[] = []
    for (const s of shown) {
      const o = s.overlay
      if (o.type !== 'field') continue
      const data = o.frames[frameIndexAt(o.frames, timeS)]!.data
      o.contours.forEach((c, n) => {
        if (!c.show3d) return
        const geometry = isoGeometry(o, data, c.level, c.below ?? false, frame)
        if (geometry) {
          out.push({
            key: `${s.key}/${c.level}`,
            geometry,
            color: contourColor(c.color, n, palette),
            opacity: s.isPreview ? 0.3 : 0.45,
          })
        }
      })
    }
    return out
  }, [shown, timeS, palette, frame])

  const tubes = useMemo(
    () =>
      shown.flatMap((s) => {
        if (s.overlay.type !== 'polyline') return []
        const geometry = tube(s.overlay, frame)
        return geometry ? [{ key: s.key, geometry, color: s.overlay.color }] : []
      }),
    [shown, frame],
  )
  useEffect(() => () => tubes.forEach((t) => t.geometry.dispose()), [tubes])
  useEffect(() => invalidate(), [surfaces, tubes, invalidate])

  return (
    <group name="sim-overlays">
      {surfaces.map((s) => (
        <group key={s.key}>
          <mesh geometry={s.geometry} renderOrder={3}>
            <meshStandardMaterial
              color={s.color}
              transparent
              opacity={s.opacity}
              depthWrite={false}
              side={DoubleSide}
              roughness={0.6}
            />
          </mesh>
          {/* Zones sit inside bone: a faint copy drawn without depth test shows them through it. */}
          <mesh geometry={s.geometry} renderOrder={4}>
            <meshBasicMaterial
              color={s.color}
              transparent
              opacity={0.22}
              depthTest={false}
              depthWrite={false}
              side={DoubleSide}
            />
          </mesh>
        </group>
      ))}
      {tubes.map((t) => (
        <mesh key={t.key} geometry={t.geometry} renderOrder={2}>
          <meshStandardMaterial color={t.color} roughness={0.4} />
        </mesh>
      ))}
    </group>
  )
}
