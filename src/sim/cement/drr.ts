/**
 * Simulated fluoroscopy: a digitally reconstructed radiograph (DRR) of the CT with the cement radio-opaque.
 * Pure; no DOM. Lengths in metres, attenuation in 1/m, line integrals dimensionless.
 *
 * Geometry: parallel-beam projection, C-arm rotating about the patient's long axis (the CT's k axis, axial
 * CT assumed). angleDeg 0 = AP (rays along +j, anterior → posterior), 90 = lateral (rays along +i). The
 * detector's horizontal axis is u = (cos θ, −sin θ) in (i, j); its vertical axis is superior-up. Beam
 * divergence is neglected (for a vertebra at ~1 m source distance the cone half-angle is < 3°); the
 * source-to-detector / source-to-isocentre ratio only sets the magnification.
 *
 * Attenuation: μ = μ_water·(1 + HU/1000), μ_water = 20.6 m⁻¹ at 60 keV (NIST XCOM water μ/ρ = 0.206 cm²/g;
 * not in FACTS, [U]). Cement: PMMA with ~30 % w/w barium sulfate, μ ≈ 250 m⁻¹ at 60 keV (mixture rule
 * from XCOM Ba and PMMA values, density ~1.45 g/cm³; FACTS has no value, [U], adjustable): about 12× water
 * and above cortical bone, so cement is the darkest thing on the image. Cement replaces marrow (≈ water) in
 * the voxel's pore space, so it adds φ·fill·(μ_cement − μ_water)·length.
 *
 * Speed: the CT line-integral image is computed once per angle (Joseph's method, linear interpolation, one
 * sample per crossed voxel row/column, profiles at ¾ voxel pitch interpolated to the pixels); each frame
 * adds only the cement, splatting every cement voxel's integrated attenuation onto the detector (bilinear
 * weights, or an even spread over its footprint when a voxel covers several pixels; exact in total), then
 * maps to 8-bit.
 * Display: fluoroscopy convention, dense = dark on a light background: grey = 255·(1 − L/L_white→black).
 */

/** Water linear attenuation at ~60 keV, 1/m [U] (NIST XCOM). */
export const MU_WATER_PER_M = 20.6
/** Barium-loaded PMMA cement linear attenuation at ~60 keV, 1/m [U] (see module header). */
export const MU_CEMENT_PER_M = 250

/** C-arm view. */
export interface DrrView {
  /** Rotation about the long axis, degrees: 0 = AP, 90 = lateral. */
  readonly angleDeg: number
  readonly widthPx: number
  readonly heightPx: number
  /** Source-to-detector distance, m (default 1.0). */
  readonly sourceToDetectorM?: number
  /** Source-to-isocentre distance, m (default 0.75); magnification = SDD / SID. */
  readonly sourceToIsoM?: number
  /** Detector pixel pitch, m (default: fits the volume's largest extent, magnified, in the width). */
  readonly detectorPixelM?: number
  /**
   * Isocentre on the CT grid, m from voxel [0,0,0]'s centre (default: the volume's centre). A C-arm is
   * centred on the treated level; only CT slices inside the field of view are projected.
   */
  readonly isocentreM?: readonly [number, number, number]
}

/** The per-angle precomputation. */
export interface DrrProjector {
  readonly view: DrrView
  readonly dims: readonly [number, number, number]
  readonly spacingM: readonly [number, number, number]
  /** Pixel size at the isocentre (detector pitch / magnification), m. */
  readonly isoPixelM: number
  /** CT line integrals ∫μ dl per pixel, row-major, row 0 = superior. */
  readonly base: Float32Array
  /** Line integral shown as black (the display's dynamic range). */
  readonly blackLineIntegral: number
  readonly cosA: number
  readonly sinA: number
  /** The isocentre used, m on the CT grid. */
  readonly isocentreM: readonly [number, number, number]
}

/** Cement on a grid aligned with the CT (same spacing), offset by `offsetIjk` CT voxels. */
export interface DrrCement {
  /** Fraction of each voxel's pore space filled (0…1). */
  readonly fill: Float32Array
  /** Porosity of each voxel (pore fraction cement can occupy). */
  readonly porosity: Float32Array
  readonly dims: readonly [number, number, number]
  /** CT voxel index of the cement grid's voxel [0,0,0]. */
  readonly offsetIjk: readonly [number, number, number]
}

/** Precomputes the CT line-integral image for one C-arm angle. */
export function createDrrProjector(
  ctHu: ArrayLike<number>,
  dims: readonly [number, number, number],
  spacingM: readonly [number, number, number],
  view: DrrView,
): DrrProjector {
  const [nx, ny, nz] = dims
  const [hx, hy, hz] = spacingM
  const W = view.widthPx
  const Hh = view.heightPx
  const mag = (view.sourceToDetectorM ?? 1) / (view.sourceToIsoM ?? 0.75)
  const extent = Math.max(Math.hypot(nx * hx, ny * hy), nz * hz)
  const isoPixelM = view.detectorPixelM !== undefined ? view.detectorPixelM / mag : extent / W
  const a = (view.angleDeg * Math.PI) / 180
  const cosA = Math.cos(a)
  const sinA = Math.sin(a)
  const ux = cosA
  const uy = -sinA
  const dx = sinA
  const dy = cosA
  const iso = view.isocentreM ?? [((nx - 1) * hx) / 2, ((ny - 1) * hy) / 2, ((nz - 1) * hz) / 2]
  const [cx, cy, cz] = iso
  // Only slices that reach the image rows need a profile (the field of view is centred on the isocentre).
  const kLo = Math.max(0, Math.floor((cz - ((Hh - 1) / 2 + 1) * isoPixelM) / hz))
  const kHi = Math.min(nz - 1, Math.ceil((cz + ((Hh - 1) / 2 + 1) * isoPixelM) / hz))
  const alongJ = Math.abs(dy) >= Math.abs(dx)
  const stepLen = alongJ ? hy / Math.abs(dy) : hx / Math.abs(dx)
  // Profiles are sampled at ¾ of the CT's in-plane voxel size (or the pixel size, if coarser) and
  // interpolated to the pixels: a finer detector cannot show detail the CT does not have, and a magnified
  // field of view would otherwise cost several rays per voxel.
  const span = (W - 1) * isoPixelM
  const pitch = Math.max(isoPixelM, 0.75 * Math.min(hx, hy))
  const Wc = Math.max(2, Math.ceil(span / pitch) + 1)
  const colStep = span / (Wc - 1)
  const profiles = new Float32Array(nz * Wc)
  const nxy = nx * ny
  for (let k = kLo; k <= kHi; k++) {
    const off = k * nxy
    for (let col = 0; col < Wc; col++) {
      const s = (col - (Wc - 1) / 2) * colStep
      const px = cx + s * ux
      const py = cy + s * uy
      let sum = 0
      if (alongJ) {
        for (let j = 0; j < ny; j++) {
          const t = (j * hy - py) / dy
          const fi = (px + t * dx) / hx
          const i0 = Math.floor(fi)
          if (i0 < -1 || i0 >= nx) continue
          const w1 = fi - i0
          const h0 = i0 >= 0 ? ctHu[off + j * nx + i0] : -1000
          const h1 = i0 + 1 < nx ? ctHu[off + j * nx + i0 + 1] : -1000
          sum += Math.max(0, 1 + ((1 - w1) * h0 + w1 * h1) / 1000)
        }
      } else {
        for (let i = 0; i < nx; i++) {
          const t = (i * hx - px) / dx
          const fj = (py + t * dy) / hy
          const j0 = Math.floor(fj)
          if (j0 < -1 || j0 >= ny) continue
          const w1 = fj - j0
          const h0 = j0 >= 0 ? ctHu[off + j0 * nx + i] : -1000
          const h1 = j0 + 1 < ny ? ctHu[off + (j0 + 1) * nx + i] : -1000
          sum += Math.max(0, 1 + ((1 - w1) * h0 + w1 * h1) / 1000)
        }
      }
      profiles[k * Wc + col] = sum * MU_WATER_PER_M * stepLen
    }
  }
  const base = new Float32Array(W * Hh)
  let maxL = 0
  for (let row = 0; row < Hh; row++) {
    const z = cz - (row - (Hh - 1) / 2) * isoPixelM
    const fk = z / hz
    const k0 = Math.floor(fk)
    if (k0 < -1 || k0 >= nz) continue
    const w1 = fk - k0
    for (let col = 0; col < W; col++) {
      const fc = Math.min(
        Wc - 1,
        Math.max(0, ((col - (W - 1) / 2) * isoPixelM) / colStep + (Wc - 1) / 2),
      )
      const c0 = Math.min(Wc - 2, Math.floor(fc))
      const wc = fc - c0
      const a0 = k0 * Wc + c0
      const a1 = (k0 + 1) * Wc + c0
      const l0 = k0 >= 0 ? (1 - wc) * profiles[a0] + wc * profiles[a0 + 1] : 0
      const l1 = k0 + 1 < nz ? (1 - wc) * profiles[a1] + wc * profiles[a1 + 1] : 0
      const L = (1 - w1) * l0 + w1 * l1
      base[row * W + col] = L
      if (L > maxL) maxL = L
    }
  }
  return {
    view,
    dims,
    spacingM,
    isoPixelM,
    base,
    blackLineIntegral: Math.max(maxL * 1.2, 1e-6),
    cosA,
    sinA,
    isocentreM: [cx, cy, cz],
  }
}

/**
 * Renders one frame: CT line integrals plus cement into `outLineIntegral` (Float32, per pixel) and the
 * fluoroscopy display into `outGrey` (Uint8, dense = dark). Both outputs are caller-owned (no allocation).
 */
export function renderDrrFrame(
  proj: DrrProjector,
  cement: DrrCement | null,
  outLineIntegral: Float32Array,
  outGrey?: Uint8Array,
): void {
  const W = proj.view.widthPx
  const Hh = proj.view.heightPx
  outLineIntegral.set(proj.base)
  if (cement) splatCement(proj, cement, outLineIntegral)
  if (outGrey) {
    const inv = 255 / proj.blackLineIntegral
    for (let p = 0; p < W * Hh; p++) {
      const g = 255 - outLineIntegral[p] * inv
      outGrey[p] = g < 0 ? 0 : g > 255 ? 255 : g
    }
  }
}

/** Adds each cement voxel's integrated extra attenuation φ·fill·Δμ·V spread over the pixel area. */
function splatCement(proj: DrrProjector, cement: DrrCement, out: Float32Array): void {
  const [hx, hy, hz] = proj.spacingM
  const [mx, my] = cement.dims
  const [ox, oy, oz] = cement.offsetIjk
  const W = proj.view.widthPx
  const Hh = proj.view.heightPx
  const p = proj.isoPixelM
  const [cx, cy, cz] = proj.isocentreM
  const ux = proj.cosA
  const uy = -proj.sinA
  const perVoxel = ((MU_CEMENT_PER_M - MU_WATER_PER_M) * hx * hy * hz) / (p * p)
  // Projected half-extent of a voxel in pixels; beyond a pixel, bilinear splats would leave gaps.
  const halfW = (0.5 * (Math.abs(hx * ux) + Math.abs(hy * uy))) / p
  const halfH = (0.5 * hz) / p
  const box = halfW > 1 || halfH > 1
  for (let v = 0; v < cement.fill.length; v++) {
    const f = cement.fill[v]
    if (!(f > 0)) continue
    const i = (v % mx) + ox
    const j = (Math.floor(v / mx) % my) + oy
    const k = Math.floor(v / (mx * my)) + oz
    const s = (i * hx - cx) * ux + (j * hy - cy) * uy
    const col = s / p + (W - 1) / 2
    const row = (cz - k * hz) / p + (Hh - 1) / 2
    const c0 = Math.floor(col)
    const r0 = Math.floor(row)
    const wc = col - c0
    const wr = row - r0
    const amount = perVoxel * f * cement.porosity[v]
    if (box) {
      // The voxel's shadow spans several pixels: spread it evenly over the pixels whose centres fall in
      // its projected footprint (exact in total; at least the nearest pixel).
      const ca = Math.ceil(col - halfW)
      const cb = Math.max(ca, Math.floor(col + halfW))
      const ra = Math.ceil(row - halfH)
      const rb = Math.max(ra, Math.floor(row + halfH))
      const share = amount / ((cb - ca + 1) * (rb - ra + 1))
      for (let r = Math.max(0, ra); r <= Math.min(Hh - 1, rb); r++) {
        for (let c = Math.max(0, ca); c <= Math.min(W - 1, cb); c++) out[r * W + c] += share
      }
      continue
    }
    if (r0 >= 0 && r0 < Hh) {
      if (c0 >= 0 && c0 < W) out[r0 * W + c0] += amount * (1 - wc) * (1 - wr)
      if (c0 + 1 >= 0 && c0 + 1 < W) out[r0 * W + c0 + 1] += amount * wc * (1 - wr)
    }
    if (r0 + 1 >= 0 && r0 + 1 < Hh) {
      if (c0 >= 0 && c0 < W) out[(r0 + 1) * W + c0] += amount * (1 - wc) * wr
      if (c0 + 1 >= 0 && c0 + 1 < W) out[(r0 + 1) * W + c0 + 1] += amount * wc * wr
    }
  }
}

/** One-shot DRR (projector + frame); for live updates keep the projector and call `renderDrrFrame`. */
export function renderDrr(
  ctHu: ArrayLike<number>,
  dims: readonly [number, number, number],
  spacingM: readonly [number, number, number],
  cement: DrrCement | null,
  view: DrrView,
): { lineIntegral: Float32Array; grey: Uint8Array; projector: DrrProjector } {
  const projector = createDrrProjector(ctHu, dims, spacingM, view)
  const lineIntegral = new Float32Array(view.widthPx * view.heightPx)
  const grey = new Uint8Array(view.widthPx * view.heightPx)
  renderDrrFrame(projector, cement, lineIntegral, grey)
  return { lineIntegral, grey, projector }
}

/** Steel trocar attenuation at ~60 keV, 1/m [U] (iron μ/ρ ≈ 0.2 cm²/g × 7.9 g/cm³, a thin-walled tube). */
export const MU_TROCAR_PER_M = 800

/**
 * Adds a radio-opaque cylinder (the trocar, `aM` → `bM` on the CT grid, radius `radiusM`) to a line-integral
 * image of `proj`, in place: each pixel within the projected radius of the projected segment gets the
 * chord length 2√(r² − d²)·μ (foreshortening of oblique needles neglected).
 */
export function addCylinderToDrr(
  proj: DrrProjector,
  aM: readonly [number, number, number],
  bM: readonly [number, number, number],
  radiusM: number,
  out: Float32Array,
  muPerM = MU_TROCAR_PER_M,
): void {
  const W = proj.view.widthPx
  const Hh = proj.view.heightPx
  const p = proj.isoPixelM
  const [cx, cy, cz] = proj.isocentreM
  const toPx = (q: readonly [number, number, number]): [number, number] => [
    ((q[0] - cx) * proj.cosA - (q[1] - cy) * proj.sinA) / p + (W - 1) / 2,
    (cz - q[2]) / p + (Hh - 1) / 2,
  ]
  const [ax, ay] = toPx(aM)
  const [bx, by] = toPx(bM)
  const r = radiusM / p
  const c0 = Math.max(0, Math.floor(Math.min(ax, bx) - r))
  const c1 = Math.min(W - 1, Math.ceil(Math.max(ax, bx) + r))
  const r0 = Math.max(0, Math.floor(Math.min(ay, by) - r))
  const r1 = Math.min(Hh - 1, Math.ceil(Math.max(ay, by) + r))
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((col - ax) * dx + (row - ay) * dy) / len2)) : 0
      const ex = col - (ax + t * dx)
      const ey = row - (ay + t * dy)
      const d2 = ex * ex + ey * ey
      if (d2 < r * r) out[row * W + col] += 2 * Math.sqrt(r * r - d2) * p * muPerM
    }
  }
}
