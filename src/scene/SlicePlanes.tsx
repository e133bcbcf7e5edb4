/**
 * The three MPR planes through the crosshair, drawn in 3-D with the CT slice as texture. Updates are
 * imperative (store subscription → texture + geometry → invalidate), never through React state.
 */
import { useThree } from '@react-three/fiber'
import { useEffect, useMemo } from 'react'
import { DataTexture, DoubleSide, LinearFilter, RGBAFormat, SRGBColorSpace } from 'three'
import type { CtVolume } from '../cases/volume'
import type { SceneFrame } from '../lib/sceneFrame'
import { worldToIjk } from '../lib/space'
import type { SliceAxis } from '../lib/volumeSlice'
import { WINDOW_PRESETS, windowRange } from '../lib/windowPresets'
import { appStore } from '../store/appStore'
import { createSliceGeometry, updateSlicePlane, type SlicePlane } from './slicePlaneGeometry'

const AXES: readonly SliceAxis[] = [0, 1, 2]
const EDGE = ['#f5d442', '#4cc3ff', '#ff5a5a'] as const

/** Slice planes of `volume` at the store's crosshair. */
export function SlicePlanes({
  volume,
  frame,
  visible,
}: {
  volume: CtVolume
  frame: SceneFrame
  visible: boolean
}) {
  const invalidate = useThree((s) => s.invalidate)
  const planes = useMemo<SlicePlane[]>(
    () =>
      AXES.map((axis) => {
        const [w, h] =
          axis === 0
            ? [volume.geometry.dims[1], volume.geometry.dims[2]]
            : axis === 1
              ? [volume.geometry.dims[0], volume.geometry.dims[2]]
              : [volume.geometry.dims[0], volume.geometry.dims[1]]
        const texture = new DataTexture(new Uint8Array(w * h * 4), w, h, RGBAFormat)
        texture.minFilter = LinearFilter
        texture.magFilter = LinearFilter
        texture.colorSpace = SRGBColorSpace
        return { axis, geometry: createSliceGeometry(), texture, slice: -1 }
      }),
    [volume],
  )

  useEffect(() => {
    let frameId = 0
    let lastPreset = ''
    const update = () => {
      frameId = 0
      const s = appStore.getState()
      const q = worldToIjk(volume.geometry, s.crosshairMm)
      const { lower, upper } = windowRange(WINDOW_PRESETS[s.windowPreset])
      const presetChanged = lastPreset !== s.windowPreset
      lastPreset = s.windowPreset
      for (const p of planes) {
        const idx = Math.round(q[p.axis])
        if (presetChanged || idx !== p.slice) updateSlicePlane(p, volume, frame, idx, lower, upper)
      }
      invalidate()
    }
    update()
    const unsub = appStore.subscribe((s, prev) => {
      if (
        (s.crosshairMm !== prev.crosshairMm || s.windowPreset !== prev.windowPreset) &&
        !frameId
      ) {
        frameId = requestAnimationFrame(update)
      }
    })
    return () => {
      unsub()
      if (frameId) cancelAnimationFrame(frameId)
    }
  }, [planes, volume, frame, invalidate])

  useEffect(
    () => () => {
      for (const p of planes) {
        p.geometry.dispose()
        p.texture.dispose()
      }
    },
    [planes],
  )

  return (
    <group visible={visible}>
      {planes.map((p) => (
        <mesh key={p.axis} geometry={p.geometry} name={`slice-plane-${p.axis}`}>
          <meshBasicMaterial map={p.texture} side={DoubleSide} transparent opacity={0.92} />
          <lineSegments>
            <edgesGeometry args={[p.geometry]} />
            <lineBasicMaterial color={EDGE[p.axis]} />
          </lineSegments>
        </mesh>
      ))}
    </group>
  )
}
