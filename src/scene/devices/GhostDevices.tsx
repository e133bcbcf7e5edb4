/**
 * The educator's devices in 3-D: the compare plan's devices as translucent violet "ghosts", and during a
 * step-through the edited plan's devices as far as they are inserted (the usual devices are hidden
 * meanwhile by the scene). The step-through's insertion moves every frame, so it is laid out imperatively
 * through a store subscription (STYLE.md 3.6); React re-renders only when the device lists change.
 */
import { useThree } from '@react-three/fiber'
import { useLayoutEffect, useRef } from 'react'
import { DoubleSide, type Group } from 'three'
import type { SceneFrame } from '../../lib/sceneFrame'
import type { Device } from '../../plan'
import { appStore, useAppStore } from '../../store/appStore'
import { ghostDevices } from '../../store/slices/compareSlice'
import { insertedDevice, insertionFractions } from '../../store/slices/educatorSlice'
import { deviceColor, deviceSegments, type DeviceSegment } from '../../store/slices/planEdits'
import { placeCylinder, placeSphere } from './segmentTransform'

/** The ghosts' colour (the MPR ghost layer's violet). */
const GHOST_COLOR = '#c58cff'
/** Drawn at least this thick, mm, as the plan's devices are. */
const MIN_RADIUS_MM = 1.2

const radiusOf = (s: DeviceSegment): number =>
  s.style === 'axis' ? 0.5 : s.diameterMm === null ? 0.9 : Math.max(MIN_RADIUS_MM, s.diameterMm / 2)

/** Positions the group's children (cylinder and tip per segment) on the device's segments. */
function layout(group: Group, frame: SceneFrame, d: Device): void {
  deviceSegments(d).forEach((s, n) => {
    const [cyl, tip] = group.children.slice(2 * n, 2 * n + 2)
    const r = radiusOf(s)
    if (cyl) placeCylinder(cyl, frame, s.entryMm, s.tipMm, r)
    if (tip) placeSphere(tip, frame, s.tipMm, s.style === 'axis' ? r : r * 1.9)
  })
}

/** One device's cylinders and tips in one material. */
function SegmentMeshes({
  device,
  color,
  opacity,
}: {
  device: Device
  color: string
  opacity: number
}) {
  const isGhost = opacity < 1
  return deviceSegments(device).flatMap((s) => {
    const key = s.needleId ?? 'axis'
    const material = (
      <meshStandardMaterial
        color={color}
        transparent={isGhost}
        opacity={opacity}
        depthWrite={!isGhost}
        side={DoubleSide}
        roughness={0.5}
        emissive={color}
        emissiveIntensity={isGhost ? 0.35 : 0}
      />
    )
    return [
      <mesh key={`${key}-body`}>
        <cylinderGeometry args={[1, 1, 1, 16]} />
        {material}
      </mesh>,
      <mesh key={`${key}-tip`}>
        <sphereGeometry args={[1, 16, 12]} />
        {material}
      </mesh>,
    ]
  })
}

/** A compare-plan device, translucent. */
function GhostMesh({ device, frame }: { device: Device; frame: SceneFrame }) {
  const group = useRef<Group>(null)
  const invalidate = useThree((s) => s.invalidate)
  useLayoutEffect(() => {
    if (group.current) layout(group.current, frame, device)
    invalidate()
  }, [device, frame, invalidate])
  return (
    <group ref={group} name={`ghost-${device.id}`}>
      <SegmentMeshes device={device} color={GHOST_COLOR} opacity={0.45} />
    </group>
  )
}

/** An edited-plan device as far as the step-through has inserted it. */
function InsertingMesh({
  device,
  color,
  frame,
}: {
  device: Device
  color: string
  frame: SceneFrame
}) {
  const group = useRef<Group>(null)
  const invalidate = useThree((s) => s.invalidate)
  useLayoutEffect(() => {
    let last = -1
    const place = () => {
      const g = group.current
      if (!g) return
      const f = insertionFractions(appStore.getState())?.[device.id] ?? 0
      if (f === last) return
      last = f
      g.visible = f > 0
      if (f > 0) layout(g, frame, insertedDevice(device, f))
      invalidate()
    }
    place()
    return appStore.subscribe((s, prev) => {
      if (s.stepThrough !== prev.stepThrough) place()
    })
  }, [device, frame, invalidate])
  return (
    <group ref={group} name={`inserting-${device.id}`}>
      <SegmentMeshes device={device} color={color} opacity={1} />
    </group>
  )
}

/** Ghosts of the compare plan, and the step-through's inserting devices. */
export function GhostDevices({ frame }: { frame: SceneFrame }) {
  const ghosts = useAppStore(ghostDevices)
  const isStepping = useAppStore((s) => s.stepThrough !== null)
  const devices = useAppStore((s) => s.plan.devices)
  const reports = useAppStore((s) => s.reports)
  const invalidate = useThree((s) => s.invalidate)
  useLayoutEffect(() => invalidate(), [ghosts, isStepping, invalidate])
  return (
    <>
      <group name="ghost-devices">
        {ghosts.map((d) => (
          <GhostMesh key={d.id} device={d} frame={frame} />
        ))}
      </group>
      <group name="step-devices">
        {isStepping
          ? devices.map((d) => (
              <InsertingMesh
                key={d.id}
                device={d}
                color={deviceColor(reports[d.id] ?? [])}
                frame={frame}
              />
            ))
          : null}
      </group>
    </>
  )
}
