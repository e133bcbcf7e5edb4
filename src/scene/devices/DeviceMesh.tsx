/**
 * One plan device in 3-D: each straight segment as a cylinder with a tip marker (and a smaller entry
 * marker), coloured by the worst trajectory severity. A drag in an MPR view moves the meshes imperatively
 * through a store subscription (STYLE.md 3.6); React re-renders only on committed plan changes.
 */
import { useThree, type ThreeEvent } from '@react-three/fiber'
import { useCallback, useLayoutEffect, useRef } from 'react'
import { Mesh, MeshStandardMaterial, type Group } from 'three'
import type { SceneFrame } from '../../lib/sceneFrame'
import type { Device } from '../../plan'
import { appStore } from '../../store/appStore'
import {
  deviceColor,
  deviceReports,
  deviceSegments,
  type DeviceSegment,
} from '../../store/slices/planEdits'
import { getVolume } from '../../store/volumeRegistry'
import { placeCylinder, placeSphere } from './segmentTransform'

/** Needles are drawn at least this thick so that a 20 G electrode stays visible at full-volume zoom. */
const MIN_RADIUS_MM = 1.2
/** Pointer travel beyond which a click on a device is an orbit drag, not a selection, px. */
const CLICK_SLOP_PX = 4

const radiusOf = (s: DeviceSegment): number =>
  s.style === 'axis' ? 0.5 : s.diameterMm === null ? 0.9 : Math.max(MIN_RADIUS_MM, s.diameterMm / 2)

/** Positions the group's children (cylinder, tip, entry per segment) on the device's segments. */
function layout(group: Group, frame: SceneFrame, d: Device): void {
  deviceSegments(d).forEach((s, n) => {
    const [cyl, tip, entry] = group.children.slice(3 * n, 3 * n + 3)
    const r = radiusOf(s)
    if (cyl) placeCylinder(cyl, frame, s.entryMm, s.tipMm, r)
    if (tip) placeSphere(tip, frame, s.tipMm, s.style === 'axis' ? r : r * 1.9)
    if (entry) placeSphere(entry, frame, s.entryMm, s.style === 'axis' ? r : r * 1.4)
  })
}

/** A device's meshes; `color` is its severity colour from the committed reports. */
export function DeviceMesh({
  device,
  color,
  isSelected,
  frame,
}: {
  device: Device
  color: string
  isSelected: boolean
  frame: SceneFrame
}) {
  const group = useRef<Group>(null)
  const invalidate = useThree((s) => s.invalidate)
  const segments = deviceSegments(device)

  useLayoutEffect(() => {
    const paint = (c: string) => {
      group.current?.traverse((o) => {
        if (!(o instanceof Mesh) || !(o.material instanceof MeshStandardMaterial)) return
        o.material.color.set(c)
        o.material.emissive.set(isSelected ? c : '#000000')
        o.material.emissiveIntensity = isSelected ? 0.5 : 0
      })
    }
    if (group.current) layout(group.current, frame, device)
    paint(color)
    invalidate()
    return appStore.subscribe((s, prev) => {
      if (s.dragPreview === prev.dragPreview || !group.current) return
      const shown = s.dragPreview?.id === device.id ? s.dragPreview : device
      layout(group.current, frame, shown)
      paint(shown === device ? color : deviceColor(deviceReports(getVolume(s.volumeId), shown)))
      invalidate()
    })
  }, [device, color, isSelected, frame, invalidate])

  const onClick = useCallback(
    (e: ThreeEvent<MouseEvent>) => {
      if (e.delta > CLICK_SLOP_PX) return
      e.stopPropagation()
      appStore.getState().selectDevice(device.id)
    },
    [device.id],
  )

  return (
    <group ref={group} name={`device-${device.id}`} onClick={onClick}>
      {segments.flatMap((s) => {
        const key = s.needleId ?? 'axis'
        return [
          <mesh key={`${key}-body`}>
            <cylinderGeometry args={[1, 1, 1, 16]} />
            <meshStandardMaterial roughness={0.45} metalness={0.2} />
          </mesh>,
          <mesh key={`${key}-tip`}>
            <sphereGeometry args={[1, 20, 14]} />
            <meshStandardMaterial roughness={0.45} metalness={0.2} />
          </mesh>,
          <mesh key={`${key}-entry`}>
            <sphereGeometry args={[1, 20, 14]} />
            <meshStandardMaterial roughness={0.45} metalness={0.2} />
          </mesh>,
        ]
      })}
    </group>
  )
}
