import { useEffect, useRef } from 'react'

/** A projection image (fluoroscopy, DSA): attenuation-like values, larger = darker. */
export interface ProjectionImage {
  readonly width: number
  readonly height: number
  /** Row-major, `width × height`. */
  readonly data: Float32Array
  /** Values shown from white (`window[0]`) to black (`window[1]`). */
  readonly window: readonly [number, number]
  /** Pixel aspect (height of a pixel / width), default 1. */
  readonly pixelAspect?: number
}

/**
 * Draws a projection image into a canvas like a fluoroscopy monitor (`data-testid` given by the caller).
 * The caller keeps the image; redraws when it changes.
 */
export function ProjectionCanvas({
  image,
  label,
  testId,
}: {
  image: ProjectionImage | null
  label: string
  testId: string
}) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const c = ref.current
    if (!c || !image) return
    c.width = image.width
    c.height = Math.round(image.height * (image.pixelAspect ?? 1))
    const ctx = c.getContext('2d')
    if (!ctx) return
    const img = new ImageData(image.width, image.height)
    const [lo, hi] = image.window
    const span = hi - lo || 1
    for (let n = 0; n < image.data.length; n++) {
      const t = Math.min(1, Math.max(0, (image.data[n]! - lo) / span))
      const g = 255 * (1 - t)
      img.data[4 * n] = g
      img.data[4 * n + 1] = g
      img.data[4 * n + 2] = g
      img.data[4 * n + 3] = 255
    }
    if ((image.pixelAspect ?? 1) === 1) {
      ctx.putImageData(img, 0, 0)
      return
    }
    const tmp = document.createElement('canvas')
    tmp.width = image.width
    tmp.height = image.height
    tmp.getContext('2d')?.putImageData(img, 0, 0)
    ctx.drawImage(tmp, 0, 0, c.width, c.height)
  }, [image])
  return (
    <figure className="projection-view">
      <canvas ref={ref} data-testid={testId} aria-label={label} role="img" />
      <figcaption>{label}</figcaption>
    </figure>
  )
}
