import { useEffect, useRef } from 'react'
import type { Thumbnail } from '../../cases/dicom/seriesThumbnail'

/** Draws a greyscale thumbnail on a canvas. */
export function ThumbnailCanvas({ thumb, label }: { thumb: Thumbnail | undefined; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const canvas = ref.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx || !thumb) return
    canvas.width = thumb.width
    canvas.height = thumb.height
    const img = ctx.createImageData(thumb.width, thumb.height)
    for (let n = 0; n < thumb.grey.length; n++) {
      const v = thumb.grey[n]!
      img.data[4 * n] = v
      img.data[4 * n + 1] = v
      img.data[4 * n + 2] = v
      img.data[4 * n + 3] = 255
    }
    ctx.putImageData(img, 0, 0)
  }, [thumb])
  return (
    <canvas
      ref={ref}
      className="series-thumb"
      role="img"
      aria-label={`Middle slice of ${label}`}
      data-ready={thumb ? 'true' : 'false'}
    />
  )
}
