/**
 * Intervertebral discs: annulus and nucleus as SDFs in the disc frame (spineLayout.ts). The disc fills the
 * space between the two endplates, including their concavities (so its middle height exceeds the rim mean,
 * as in NepalMRI), and bulges ≤ 1 mm beyond the rim at mid-height. Discs are painted before the bodies,
 * which then trim them exactly to the endplates.
 */
import { ellipse2, type Shape } from './sdf'
import type { DiscLayout, VertebraLayout } from './spineLayout'

/** Annulus (whole disc) and nucleus shapes of one disc. */
export function discShapes(
  disc: DiscLayout,
  upper: VertebraLayout,
  lower: VertebraLayout,
): { annulus: Shape; nucleus: Shape } {
  const W = (upper.m.endplateWidthMm + lower.m.endplateWidthMm) / 2
  const D = (upper.m.endplateDepthMm + lower.m.endplateDepthMm) / 2
  const ant = disc.m.anteriorMm,
    post = disc.m.posteriorMm
  const cUp = upper.concavityInfMm,
    cLo = lower.concavitySupMm
  const [ox, oy, oz] = disc.frame.o
  const [, vy, vz] = disc.frame.v
  const [, wy, wz] = disc.frame.w
  const vE = 0.12 * D,
    bE = 0.62 * D,
    a = W / 2,
    hD = D / 2
  const hMax = Math.max(ant, post) / 2 + Math.max(cUp, cLo) + 2
  const box = {
    x0: ox - a - 2,
    x1: ox + a + 2,
    y0: oy - hD - hMax - 2,
    y1: oy + hD + hMax + 2,
    z0: oz - hD - hMax - 2,
    z1: oz + hD + hMax + 2,
  }
  const make = (scaleR: number, vShift: number, inset: number): Shape => ({
    box,
    f: (x, y, z) => {
      const lu = x - ox
      const py = y - oy,
        pz = z - oz
      const lv = py * vy + pz * vz
      const lw = py * wy + pz * wz
      const half = (ant + (post - ant) * (lv / D + 0.5)) / 2
      const r2 = (lu / a) ** 2 + (lv / hD) ** 2
      const q = Math.max(0, 1 - r2 / 0.5625)
      const prof = q * q
      const top = half + cUp * prof + 0.3 - inset
      const bot = -half - cLo * prof - 0.3 + inset
      const dw = Math.max(lw - top, bot - lw)
      const t = lw / Math.max(half, 0.5)
      const bulge = scaleR === 1 ? Math.max(0, 1 - t * t) : 0
      const dE = ellipse2(lu, lv - vE - vShift, a * scaleR + bulge, bE * scaleR + bulge)
      const dP = lv - (hD + bulge) * (scaleR === 1 ? 1 : 0.8)
      const d2 = Math.max(dE, dP)
      return Math.max(d2, dw)
    },
  })
  return { annulus: make(1, 0, 0), nucleus: make(0.55, 0.08 * D, 1) }
}
