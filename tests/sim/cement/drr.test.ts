import { describe, expect, it } from 'vitest'
import {
  MU_WATER_PER_M,
  addCylinderToDrr,
  createDrrProjector,
  renderDrr,
  renderDrrFrame,
} from '../../../src/sim/cement/drr'
import { relErr } from './fixtures'

const H = 1e-3

describe('renderDrr', () => {
  it('gives the analytic line integral μ·L through a uniform water slab, AP and lateral', () => {
    const [nx, ny, nz] = [40, 30, 20]
    const ct = new Float32Array(nx * ny * nz) // 0 HU = water everywhere
    for (const [angle, len] of [
      [0, ny * H],
      [90, nx * H],
    ] as const) {
      const proj = createDrrProjector(ct, [nx, ny, nz], [H, H, H], {
        angleDeg: angle,
        widthPx: 32,
        heightPx: 32,
        detectorPixelM: 0.5e-3,
      })
      // Central pixel: the ray crosses every voxel row exactly once (Joseph sampling, step = spacing).
      const L = proj.base[16 * 32 + 16]
      expect(relErr(L, MU_WATER_PER_M * len)).toBeLessThan(1e-5)
    }
  })

  it('darkens monotonically as cement fills, and the added integral equals φ·fill·Δμ·V', () => {
    const n = 24
    const ct = new Float32Array(n * n * n).fill(200)
    const view = { angleDeg: 90, widthPx: 64, heightPx: 64 }
    const proj = createDrrProjector(ct, [n, n, n], [H, H, H], view)
    const fill = new Float32Array(8 * 8 * 8)
    const porosity = new Float32Array(8 * 8 * 8).fill(0.9)
    const cement = { fill, porosity, dims: [8, 8, 8] as const, offsetIjk: [8, 8, 8] as const }
    const out = new Float32Array(64 * 64)
    let prev = -1
    for (const f of [0, 0.25, 0.5, 1]) {
      fill.fill(f)
      renderDrrFrame(proj, cement, out)
      let total = 0
      for (let p = 0; p < out.length; p++) total += out[p] - proj.base[p]
      expect(total).toBeGreaterThan(prev)
      prev = total
      const expected = (0.9 * f * (250 - MU_WATER_PER_M) * 512 * H ** 3) / proj.isoPixelM ** 2
      // Float32 accumulation over 4096 pixels.
      if (f > 0) expect(relErr(total, expected)).toBeLessThan(1e-4)
    }
  })

  it('renders a left–right symmetric object symmetrically in AP and the same from both lateral sides', () => {
    const [nx, ny, nz] = [31, 25, 12]
    const ct = new Float32Array(nx * ny * nz).fill(-1000)
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const r = Math.hypot((i - 15) / 12, (j - 11) / 8)
          if (r < 1) ct[i + nx * (j + ny * k)] = r > 0.8 ? 1200 : 200 + 10 * j
        }
      }
    }
    const ap = renderDrr(ct, [nx, ny, nz], [H, H, H], null, {
      angleDeg: 0,
      widthPx: 40,
      heightPx: 16,
    })
    for (let row = 0; row < 16; row++) {
      for (let c = 0; c < 20; c++) {
        const a = ap.lineIntegral[row * 40 + c]
        const b = ap.lineIntegral[row * 40 + 39 - c]
        // Float32 sums of identical samples in mirrored order.
        expect(Math.abs(a - b)).toBeLessThan(1e-4 * Math.max(1, a))
      }
    }
    const left = renderDrr(ct, [nx, ny, nz], [H, H, H], null, {
      angleDeg: 90,
      widthPx: 40,
      heightPx: 16,
    })
    const right = renderDrr(ct, [nx, ny, nz], [H, H, H], null, {
      angleDeg: -90,
      widthPx: 40,
      heightPx: 16,
    })
    for (let row = 0; row < 16; row++) {
      for (let c = 0; c < 40; c++) {
        const a = left.lineIntegral[row * 40 + c]
        const b = right.lineIntegral[row * 40 + 39 - c]
        expect(Math.abs(a - b)).toBeLessThan(1e-4 * Math.max(1, a))
      }
    }
    // Display: denser = darker.
    const g = ap.grey
    expect(g[8 * 40 + 20]).toBeLessThan(g[8 * 40 + 0])
  })
})

describe('DRR centred on an isocentre with a magnified field of view', () => {
  it('spreads a voxel larger than a pixel over its footprint, exactly in total and without gaps', () => {
    const n = 24
    const ct = new Float32Array(n * n * n).fill(200)
    // 0.25 mm pixels at the isocentre: a 1 mm voxel covers 4 × 4 pixels.
    const proj = createDrrProjector(ct, [n, n, n], [H, H, H], {
      angleDeg: 90,
      widthPx: 64,
      heightPx: 64,
      detectorPixelM: 0.25e-3 / 0.75,
      isocentreM: [12 * H, 12 * H, 12 * H],
    })
    expect(relErr(proj.isoPixelM, 0.25e-3)).toBeLessThan(1e-12)
    const fill = new Float32Array(27).fill(1)
    const porosity = new Float32Array(27).fill(1)
    const out = new Float32Array(64 * 64)
    renderDrrFrame(proj, { fill, porosity, dims: [3, 3, 3], offsetIjk: [11, 11, 11] }, out)
    let total = 0
    let touched = 0
    for (let p = 0; p < out.length; p++) {
      const d = out[p] - proj.base[p]
      total += d
      if (d > 1e-9) touched++
    }
    const expected = ((250 - MU_WATER_PER_M) * 27 * H ** 3) / proj.isoPixelM ** 2
    expect(relErr(total, expected)).toBeLessThan(1e-4)
    // A 3 × 3 voxel shadow (3 mm square) is 12 × 12 pixels at 0.25 mm, filled without holes (±1 row).
    expect(touched).toBeGreaterThanOrEqual(12 * 12)
    expect(touched).toBeLessThanOrEqual(14 * 14)
    // The isocentre projects to the image centre: the shadow is centred.
    let cx = 0
    for (let p = 0; p < out.length; p++) cx += (out[p] - proj.base[p]) * (p % 64)
    expect(Math.abs(cx / total - 31.5)).toBeLessThan(1)
  })

  it('draws the trocar as a dark cylinder whose chord integral is 2√(r² − d²)·μ', () => {
    const n = 16
    const proj = createDrrProjector(new Float32Array(n * n * n).fill(-1000), [n, n, n], [H, H, H], {
      angleDeg: 0,
      widthPx: 64,
      heightPx: 64,
      detectorPixelM: 0.25e-3 / 0.75,
      isocentreM: [8 * H, 8 * H, 8 * H],
    })
    const out = new Float32Array(64 * 64)
    // A vertical needle (along k) through the isocentre, radius 1.5 mm.
    addCylinderToDrr(proj, [8 * H, 8 * H, 2 * H], [8 * H, 8 * H, 14 * H], 1.5e-3, out, 1000)
    const row = 32
    // Pixel centre 31.5 is the axis: pixel 31 is 0.5 px = 0.125 mm off.
    const d = 0.125e-3
    expect(relErr(out[row * 64 + 31], 2 * Math.sqrt(1.5e-3 ** 2 - d * d) * 1000)).toBeLessThan(1e-4)
    // 8 pixels (2 mm) off axis is outside the 1.5 mm radius.
    expect(out[row * 64 + 31 - 8]).toBe(0)
  })
})
