/**
 * The inverse DCT of the Independent JPEG Group's library, "islow" method (jidctint.c, IJG 6b, the decoder
 * inside DCMTK and GDCM, i.e. the manifest's reference decodes), written out for 8- and 12-bit samples:
 * CONST_BITS 13, PASS1_BITS 2 (8-bit) or 1 (12-bit), the same fixed-point constants, the same rounding
 * (DESCALE) and the same range-limit table, so that the output is bit-identical to IJG's. Pure.
 */

const CONST_BITS = 13
const FIX_0_298631336 = 2446
const FIX_0_390180644 = 3196
const FIX_0_541196100 = 4433
const FIX_0_765366865 = 6270
const FIX_0_899976223 = 7373
const FIX_1_175875602 = 9633
const FIX_1_501321110 = 12299
const FIX_1_847759065 = 15137
const FIX_1_961570560 = 16069
const FIX_2_053119869 = 16819
const FIX_2_562915447 = 20995
const FIX_3_072711026 = 25172

/** Reusable state for one precision: the work array and the range limit of jdmaster.c. */
export interface Idct {
  readonly precision: number
  readonly workspace: Int32Array
  /** One output row before descaling. */
  readonly row: Int32Array
  /** IJG's post-IDCT range-limit table (index = value & RANGE_MASK). */
  readonly rangeLimit: Uint16Array
  readonly rangeMask: number
  readonly pass1Bits: number
}

/** Prepares the IDCT for sample precision 8 or 12. */
export function makeIdct(precision: number): Idct {
  if (precision !== 8 && precision !== 12) {
    throw new Error(`JPEG sample precision ${precision} is not a DCT precision (8 or 12)`)
  }
  const maxSample = 2 ** precision - 1
  const n = maxSample + 1
  const centre = n / 2
  // jdmaster.c prepare_range_limit_table, seen from `sample_range_limit + CENTERJSAMPLE` over
  // RANGE_MASK + 1 = 4·n entries: x ↦ clamp(x + centre) for x ∈ [−2n, 2n) taken modulo 4n.
  const rangeLimit = new Uint16Array(4 * n)
  for (let v = 0; v < 4 * n; v++) {
    const x = v < 2 * n ? v : v - 4 * n
    const y = x + centre
    rangeLimit[v] = y < 0 ? 0 : y > maxSample ? maxSample : y
  }
  return {
    precision,
    workspace: new Int32Array(64),
    row: new Int32Array(8),
    rangeLimit,
    rangeMask: 4 * n - 1,
    pass1Bits: precision === 8 ? 2 : 1,
  }
}

/**
 * Dequantizes and inverse-transforms the 64 natural-order coefficients at `coef[offset…]` with the
 * natural-order table `quant`, writing 8×8 samples into `out` at `outOffset` with row stride `stride`
 * (only the first `width` columns and `height` rows are stored, for edge blocks).
 */
export function idctBlock(
  idct: Idct,
  coef: Int16Array,
  offset: number,
  quant: Uint16Array,
  out: Uint16Array,
  outOffset: number,
  stride: number,
  width: number,
  height: number,
): void {
  const ws = idct.workspace
  const p1 = idct.pass1Bits
  const shift1 = CONST_BITS - p1
  const round1 = 1 << (shift1 - 1)
  // Pass 1: columns from input into the work array.
  for (let c = 0; c < 8; c++) {
    const i = offset + c
    if (
      coef[i + 8] === 0 &&
      coef[i + 16] === 0 &&
      coef[i + 24] === 0 &&
      coef[i + 32] === 0 &&
      coef[i + 40] === 0 &&
      coef[i + 48] === 0 &&
      coef[i + 56] === 0
    ) {
      const dc = (coef[i]! * quant[c]!) << p1
      for (let r = 0; r < 8; r++) ws[c + 8 * r] = dc
      continue
    }
    let z2 = coef[i + 16]! * quant[c + 16]!
    let z3 = coef[i + 48]! * quant[c + 48]!
    let z1 = (z2 + z3) * FIX_0_541196100
    let tmp2 = z1 + z3 * -FIX_1_847759065
    let tmp3 = z1 + z2 * FIX_0_765366865
    z2 = coef[i]! * quant[c]!
    z3 = coef[i + 32]! * quant[c + 32]!
    let tmp0 = (z2 + z3) << CONST_BITS
    let tmp1 = (z2 - z3) << CONST_BITS
    const tmp10 = tmp0 + tmp3
    const tmp13 = tmp0 - tmp3
    const tmp11 = tmp1 + tmp2
    const tmp12 = tmp1 - tmp2
    tmp0 = coef[i + 56]! * quant[c + 56]!
    tmp1 = coef[i + 40]! * quant[c + 40]!
    tmp2 = coef[i + 24]! * quant[c + 24]!
    tmp3 = coef[i + 8]! * quant[c + 8]!
    z1 = tmp0 + tmp3
    z2 = tmp1 + tmp2
    z3 = tmp0 + tmp2
    let z4 = tmp1 + tmp3
    const z5 = (z3 + z4) * FIX_1_175875602
    tmp0 *= FIX_0_298631336
    tmp1 *= FIX_2_053119869
    tmp2 *= FIX_3_072711026
    tmp3 *= FIX_1_501321110
    z1 *= -FIX_0_899976223
    z2 *= -FIX_2_562915447
    z3 = z3 * -FIX_1_961570560 + z5
    z4 = z4 * -FIX_0_390180644 + z5
    tmp0 += z1 + z3
    tmp1 += z2 + z4
    tmp2 += z2 + z3
    tmp3 += z1 + z4
    ws[c] = (tmp10 + tmp3 + round1) >> shift1
    ws[c + 56] = (tmp10 - tmp3 + round1) >> shift1
    ws[c + 8] = (tmp11 + tmp2 + round1) >> shift1
    ws[c + 48] = (tmp11 - tmp2 + round1) >> shift1
    ws[c + 16] = (tmp12 + tmp1 + round1) >> shift1
    ws[c + 40] = (tmp12 - tmp1 + round1) >> shift1
    ws[c + 24] = (tmp13 + tmp0 + round1) >> shift1
    ws[c + 32] = (tmp13 - tmp0 + round1) >> shift1
  }
  // Pass 2: rows from the work array into the output, through the range limit.
  const limit = idct.rangeLimit
  const mask = idct.rangeMask
  const shift2 = CONST_BITS + p1 + 3
  const round2 = 1 << (shift2 - 1)
  const shiftDc = p1 + 3
  const roundDc = 1 << (shiftDc - 1)
  const row = idct.row
  for (let r = 0; r < height; r++) {
    const w = 8 * r
    const o = outOffset + r * stride
    if (
      ws[w + 1] === 0 &&
      ws[w + 2] === 0 &&
      ws[w + 3] === 0 &&
      ws[w + 4] === 0 &&
      ws[w + 5] === 0 &&
      ws[w + 6] === 0 &&
      ws[w + 7] === 0
    ) {
      const v = limit[((ws[w]! + roundDc) >> shiftDc) & mask]!
      for (let x = 0; x < width; x++) out[o + x] = v
      continue
    }
    let z2 = ws[w + 2]!
    let z3 = ws[w + 6]!
    let z1 = (z2 + z3) * FIX_0_541196100
    let tmp2 = z1 + z3 * -FIX_1_847759065
    let tmp3 = z1 + z2 * FIX_0_765366865
    let tmp0 = (ws[w]! + ws[w + 4]!) << CONST_BITS
    let tmp1 = (ws[w]! - ws[w + 4]!) << CONST_BITS
    const tmp10 = tmp0 + tmp3
    const tmp13 = tmp0 - tmp3
    const tmp11 = tmp1 + tmp2
    const tmp12 = tmp1 - tmp2
    tmp0 = ws[w + 7]!
    tmp1 = ws[w + 5]!
    tmp2 = ws[w + 3]!
    tmp3 = ws[w + 1]!
    z1 = tmp0 + tmp3
    z2 = tmp1 + tmp2
    z3 = tmp0 + tmp2
    let z4 = tmp1 + tmp3
    const z5 = (z3 + z4) * FIX_1_175875602
    tmp0 *= FIX_0_298631336
    tmp1 *= FIX_2_053119869
    tmp2 *= FIX_3_072711026
    tmp3 *= FIX_1_501321110
    z1 *= -FIX_0_899976223
    z2 *= -FIX_2_562915447
    z3 = z3 * -FIX_1_961570560 + z5
    z4 = z4 * -FIX_0_390180644 + z5
    tmp0 += z1 + z3
    tmp1 += z2 + z4
    tmp2 += z2 + z3
    tmp3 += z1 + z4
    row[0] = tmp10 + tmp3
    row[7] = tmp10 - tmp3
    row[1] = tmp11 + tmp2
    row[6] = tmp11 - tmp2
    row[2] = tmp12 + tmp1
    row[5] = tmp12 - tmp1
    row[3] = tmp13 + tmp0
    row[4] = tmp13 - tmp0
    for (let x = 0; x < width; x++) out[o + x] = limit[((row[x]! + round2) >> shift2) & mask]!
  }
}
