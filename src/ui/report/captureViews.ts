/**
 * Captures what the views show as images: every visible canvas (Cornerstone's, the simulation overlay's,
 * the 3-D view's, drawn with `preserveDrawingBuffer`) and SVG layer (crosshair, devices, ghosts) inside a
 * view, composed in DOM order (their stacking order) at the view's CSS size.
 */

/** A captured view. */
export interface CapturedView {
  readonly label: string
  readonly canvas: HTMLCanvasElement
}

/** The views a report shows, by test id, with their captions. */
export const REPORT_VIEWS: readonly { testId: string; label: string }[] = [
  { testId: 'viewport-axial', label: 'Axial' },
  { testId: 'viewport-sagittal', label: 'Sagittal' },
  { testId: 'viewport-coronal', label: 'Coronal' },
  { testId: 'viewport-3d', label: '3D' },
]

const isShown = (e: Element): boolean => {
  const st = getComputedStyle(e)
  if (st.display === 'none' || st.visibility === 'hidden' || Number(st.opacity) === 0) return false
  const r = e.getBoundingClientRect()
  return r.width > 0 && r.height > 0
}

/** An SVG element as an image (its size fixed to its box, so nested viewBoxes resolve alike). */
async function svgImage(
  svg: SVGSVGElement,
  w: number,
  h: number,
): Promise<HTMLImageElement | null> {
  if (svg.childElementCount === 0) return null
  const clone = svg.cloneNode(true) as SVGSVGElement
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  clone.setAttribute('width', String(w))
  clone.setAttribute('height', String(h))
  const opacity = getComputedStyle(svg).opacity
  if (opacity !== '1') clone.setAttribute('opacity', opacity)
  const text = new XMLSerializer().serializeToString(clone)
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return img
  } catch {
    return null
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Draws one view's visible canvases and SVG layers into a new canvas of its CSS size. */
export async function captureView(view: HTMLElement): Promise<HTMLCanvasElement> {
  const box = view.getBoundingClientRect()
  const out = document.createElement('canvas')
  out.width = Math.max(1, Math.round(box.width))
  out.height = Math.max(1, Math.round(box.height))
  const ctx = out.getContext('2d')
  if (!ctx) throw new Error('The report needs a 2D canvas, which this browser did not give.')
  ctx.fillStyle = '#000'
  ctx.fillRect(0, 0, out.width, out.height)
  const layers = [...view.querySelectorAll('canvas, svg')].filter(
    (e) => !(e.parentElement instanceof SVGElement) && isShown(e),
  )
  for (const layer of layers) {
    const r = layer.getBoundingClientRect()
    const x = r.left - box.left
    const y = r.top - box.top
    if (layer instanceof HTMLCanvasElement) {
      if (layer.width > 0 && layer.height > 0) ctx.drawImage(layer, x, y, r.width, r.height)
    } else if (layer instanceof SVGSVGElement) {
      const img = await svgImage(layer, r.width, r.height)
      if (img) ctx.drawImage(img, x, y, r.width, r.height)
    }
  }
  return out
}

/** Captures the report's views that are on the page (a missing view is skipped). */
export async function captureViews(root: ParentNode = document): Promise<CapturedView[]> {
  const out: CapturedView[] = []
  for (const v of REPORT_VIEWS) {
    const el = root.querySelector<HTMLElement>(`[data-testid="${v.testId}"]`)
    if (!el || !isShown(el)) continue
    out.push({ label: v.label, canvas: await captureView(el) })
  }
  return out
}
