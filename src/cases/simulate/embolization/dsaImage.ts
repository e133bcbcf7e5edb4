/**
 * One DSA image of an embolization result at a time: segment opacities from the contrast transport,
 * projected (src/sim/embolization/projectDsa.ts) and mapped to display density 1 − e^(−I/I₀), I in mm of
 * pure-contrast equivalent. Pure (the panel and the benchmarks call it).
 */
import { renderDsaFrame, segmentOpacities } from '../../../sim/embolization'
import type { ContrastTransport } from '../../../sim/embolization'
import type { EmbolizationDetail } from './detail'

/** Contrast thickness that reads as ~63 % density (mm) [U]: a 1 mm vessel full of contrast is dark grey. */
export const DSA_DENSITY_MM = 0.8

/** A rendered DSA image: density 0 (white) … 1 (black), row-major. */
export interface DsaImage {
  readonly width: number
  readonly height: number
  readonly data: Float32Array
}

/** Renders the DSA image of `transport` at `tS` seen at `angleDeg`, into `scratch` when given. */
export function dsaImage(
  d: EmbolizationDetail,
  transport: ContrastTransport,
  angleDeg: number,
  tS: number,
  scratch?: { opacity: Float32Array; image: Float32Array },
): DsaImage {
  const n = d.dsaSize
  const opacity = segmentOpacities(d.graph, transport, tS, scratch?.opacity)
  const data = renderDsaFrame(
    d.graph,
    opacity,
    { angleDeg, centreMm: d.dsaCentreMm, pixelSizeMm: d.dsaPixelMm, width: n, height: n },
    transport,
    scratch?.image,
  )
  for (let i = 0; i < data.length; i++) data[i] = 1 - Math.exp(-data[i]! / DSA_DENSITY_MM)
  return { width: n, height: n, data }
}
