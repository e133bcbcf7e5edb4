/** three's OrbitControls bound to the R3F camera, rendering on demand. */
import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js'

/** Orbit (left), pan (right) and zoom (wheel) around `target`. */
export function OrbitControlsR3f({ target }: { target: readonly [number, number, number] }) {
  const camera = useThree((s) => s.camera)
  const dom = useThree((s) => s.gl.domElement)
  const invalidate = useThree((s) => s.invalidate)
  useEffect(() => {
    const controls = new OrbitControls(camera, dom)
    controls.target.set(target[0], target[1], target[2])
    controls.update()
    const onChange = () => invalidate()
    controls.addEventListener('change', onChange)
    return () => {
      controls.removeEventListener('change', onChange)
      controls.dispose()
    }
  }, [camera, dom, invalidate, target])
  return null
}
