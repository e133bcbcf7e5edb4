/**
 * The laser pointer (a red dot following the pointer over the workspace, without taking the views' input)
 * and freehand annotations (strokes drawn over the views while the draw tool is on). Points are stored as
 * fractions of the workspace so that strokes stay in place when the layout changes.
 */
import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react'
import { appStore, useAppStore } from '../../store/appStore'
import type { Stroke } from '../../store/slices/educatorSlice'

const toPoints = (points: Stroke['points']): string =>
  points.map((p) => `${p[0].toFixed(4)},${p[1].toFixed(4)}`).join(' ')

/** Strokes, the stroke being drawn, and the laser dot. */
export function Annotations() {
  const tool = useAppStore((s) => s.educatorTool)
  const strokes = useAppStore((s) => s.annotations)
  const color = useAppStore((s) => s.strokeColor)
  const svgRef = useRef<SVGSVGElement>(null)
  const liveRef = useRef<SVGPolylineElement>(null)
  const dotRef = useRef<HTMLDivElement>(null)
  const drawing = useRef<{ pointerId: number; points: [number, number][] } | null>(null)

  // The laser follows the pointer over the whole workspace (listened on the layer's parent, so the views
  // under the layer keep their pointer input).
  useEffect(() => {
    const dot = dotRef.current
    const area = svgRef.current?.parentElement?.parentElement
    if (tool !== 'laser' || !dot || !area) return
    const onMove = (e: PointerEvent) => {
      const r = area.getBoundingClientRect()
      dot.style.transform = `translate(${e.clientX - r.left}px, ${e.clientY - r.top}px)`
      dot.hidden = false
    }
    const onLeave = () => {
      dot.hidden = true
    }
    area.addEventListener('pointermove', onMove)
    area.addEventListener('pointerleave', onLeave)
    return () => {
      area.removeEventListener('pointermove', onMove)
      area.removeEventListener('pointerleave', onLeave)
      dot.hidden = true
    }
  }, [tool])

  const at = (e: ReactPointerEvent<SVGSVGElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect()
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height]
  }
  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (tool !== 'draw' || e.button !== 0) return
    e.currentTarget.setPointerCapture(e.pointerId)
    drawing.current = { pointerId: e.pointerId, points: [at(e)] }
    liveRef.current?.setAttribute('points', toPoints(drawing.current.points))
  }
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drawing.current
    if (!d || d.pointerId !== e.pointerId) return
    d.points.push(at(e))
    liveRef.current?.setAttribute('points', toPoints(d.points))
  }
  const onUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drawing.current
    if (!d || d.pointerId !== e.pointerId) return
    drawing.current = null
    liveRef.current?.setAttribute('points', '')
    appStore.getState().addStroke({ color, points: d.points })
  }

  return (
    <>
      <svg
        ref={svgRef}
        className={tool === 'draw' ? 'educator-ink is-drawing' : 'educator-ink'}
        data-testid="educator-ink"
        data-strokes={strokes.length}
        viewBox="0 0 1 1"
        preserveAspectRatio="none"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        aria-hidden="true"
      >
        {strokes.map((s, i) => (
          <polyline key={i} points={toPoints(s.points)} stroke={s.color} />
        ))}
        <polyline ref={liveRef} points="" stroke={color} />
      </svg>
      <div ref={dotRef} className="laser-dot" data-testid="laser-dot" hidden aria-hidden="true" />
    </>
  )
}
