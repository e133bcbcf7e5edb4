/**
 * Decoding conformance in the real browser: every file of three public DICOM sets (MANIFEST.md §5, §6, §7)
 * goes through the import's decoding path (`window.__osteoplanDecode`, registered with `?diagnostics=1`)
 * and must give the manifest's HU: exactly for lossless files, within the manifest's listed error for
 * lossy ones. When the data is absent the tests fail and say so.
 */
import type { Page } from '@playwright/test'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, test, waitReady } from './fixtures'

const TESTDATA = path.resolve('../shared/testdata/dicom')
/** HU the import writes for padding pixels (src/cases/dicom/storedToHu.ts). */
const PADDING_HU = -1024

interface Expected {
  readonly pixels: readonly (readonly [number, number])[]
  /** Manifest HU at `pixels` (the reference decoder's values). */
  readonly hu: readonly number[]
  readonly min: number
  readonly max: number
  readonly mean: number
  /** Decimals the manifest gives the mean with. */
  readonly meanDecimals: number
  readonly rows?: number
  readonly columns?: number
  readonly frames?: number
  /**
   * Lossy: the manifest's max / mean |HU − CTImage.dcm| and CTImage.dcm's own values, which are what the
   * decoded HU is compared with (any conforming decoder of the lossy stream stays within that error).
   */
  readonly lossy?: { readonly maxDiff: number; readonly meanDiff: number }
  /** Stored padding value expected to be masked at the first pixel. */
  readonly paddedFirstPixel?: boolean
  /**
   * The manifest's own decode of this lossy file (GDCM/IJG): a decoder that reproduces IJG exactly (ours for
   * DCT JPEG, src/cases/dicom/jpeg) matches it to the integer rounding of storedToHu (0.5 HU).
   */
  readonly reference?: {
    readonly hu: readonly number[]
    readonly min: number
    readonly max: number
    readonly mean: number
  }
}

type Decoded =
  | {
      ok: true
      rows: number
      columns: number
      frames: number
      hu: number[]
      huUnmasked: number[]
      min: number
      max: number
      mean: number
      paddedPixels: number
      padding: number | null
    }
  | { ok: false; message: string }

type DecodeHook = (bytes: ArrayBuffer, request: { pixels: [number, number][] }) => Promise<Decoded>

// ---- MANIFEST.md §5, cornerstone_ct_transfer_syntaxes ----
const CT_PIXELS = [
  [256, 256],
  [200, 300],
  [400, 256],
  [0, 0],
] as const
const CT_REF: Expected = {
  pixels: CT_PIXELS,
  hu: [67, 41, -88, -3024],
  min: -3024,
  max: 1378,
  mean: -949.076,
  meanDecimals: 3,
  rows: 512,
  columns: 512,
  frames: 1,
}
const ctLossy = (maxDiff: number, meanDiff: number): Expected => ({
  ...CT_REF,
  lossy: { maxDiff, meanDiff },
})
/** MANIFEST.md §5: the 12-bit extended, spectral and progressive files decode to identical stored values. */
const CT_JPEG12: Expected = {
  ...ctLossy(35.628, 3.844),
  reference: {
    hu: [65.502, 35.498, -90.517, -3024.88],
    min: -3052.88,
    max: 1369.66,
    mean: -950.109,
  },
}
const CT_VARIANT = 'CTImage.dcm_'
const CT_LOSSY: Record<string, Expected> = {
  'JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm': ctLossy(5.0, 0.571),
  'JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm': ctLossy(1.0, 0.694),
  'JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm': CT_JPEG12,
  'JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm': ctLossy(64.219, 19.836),
  'JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm': CT_JPEG12,
  'JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm': CT_JPEG12,
}
const CT_OTHERS: Record<string, Expected> = {
  CT1_J2KR: {
    pixels: CT_PIXELS,
    hu: [-59, 183, -4, -3024],
    min: -3024,
    max: 1254,
    mean: -871.304,
    meanDecimals: 3,
    paddedFirstPixel: true,
  },
  CT2_J2KR: {
    pixels: CT_PIXELS,
    hu: [38, 34, 38, -2048],
    min: -2048,
    max: 1433,
    mean: -754.293,
    meanDecimals: 3,
  },
  // MANIFEST.md says this file has no rescale, but it does: dcmdump shows RescaleIntercept -1024.00 /
  // RescaleSlope 1 both at the top level and in the shared PixelValueTransformationSequence (0028,9145).
  // The manifest's values are stored values (2128, 2094, 2085, 1023; 1010 / 2223 / 1403.04), so HU = − 1024.
  'CT0012.fragmented_no_bot_jpeg_baseline.51.dcm': {
    pixels: CT_PIXELS,
    hu: [2128 - 1024, 2094 - 1024, 2085 - 1024, 1023 - 1024],
    min: 1010 - 1024,
    max: 2223 - 1024,
    mean: 1403.04 - 1024,
    meanDecimals: 2,
    frames: 2,
    // Lossy 12-bit DCT, but our decoder (src/cases/dicom/jpeg) is IJG-exact: GDCM's values exactly.
  },
}
function ctExpected(file: string): Expected | undefined {
  if (file === 'CTImage.dcm') return CT_REF
  if (file.startsWith(CT_VARIANT)) return CT_LOSSY[file.slice(CT_VARIANT.length)] ?? CT_REF
  return CT_OTHERS[file]
}

// ---- MANIFEST.md §6, dcm_qa_ts_mr_transfer_syntaxes: all nine files decode to the same values ----
const MR: Expected = {
  pixels: [[100, 200]],
  hu: [91],
  min: 0,
  max: 2362,
  mean: 257.9526,
  meanDecimals: 4,
  rows: 384,
  columns: 384,
  frames: 1,
}
const mrExpected = (file: string): Expected | undefined =>
  /^[1-9]\.dcm$/.test(file) ? MR : undefined

// ---- MANIFEST.md §7, gdcm_ct_codec_edge_cases (GDCM 3.0.21 reference values) ----
const centre = (
  hu: number,
  min: number,
  max: number,
  mean: number,
  rc: readonly [number, number] = [256, 256],
): Expected => ({
  pixels: [rc],
  hu: [hu],
  min,
  max,
  mean,
  meanDecimals: 3,
})
const GDCM: Record<string, Expected> = {
  'ELSCINT1_JP2vsJ2K.dcm': centre(439, -1000, 3095, -380.615),
  'MAROTECH_CT_JP2Lossy.dcm': { ...centre(331, -1024, 2988, -403.794, [358, 256]), rows: 716 },
  'J2K_pixelrep_mismatch.dcm': centre(27, -2000, 1896, -658.437),
  'TOSHIBA_J2K_OpenJPEGv2Regression.dcm': centre(123, -2048, 1969, -935.274),
  'TOSHIBA_J2K_SIZ0_PixRep1.dcm': centre(119, -2048, 1717, -861.318),
  // The manifest: "Correct result = identical to SIZ0_PixRep1 (HU -2048..1717)"; GDCM itself gets 0..65535.
  'TOSHIBA_J2K_SIZ1_PixRep0.dcm': centre(119, -2048, 1717, -861.318),
  'CT1_JLSN.dcm': centre(-57, -3028, 1254, -871.115),
}

const SETS: Record<string, (file: string) => Expected | undefined> = {
  cornerstone_ct_transfer_syntaxes: ctExpected,
  dcm_qa_ts_mr_transfer_syntaxes: mrExpected,
  gdcm_ct_codec_edge_cases: (f) => GDCM[f],
}

function listSet(set: string): string[] {
  const dir = path.join(TESTDATA, set)
  if (!existsSync(dir)) {
    throw new Error(
      `DICOM TEST DATA MISSING: ${dir} does not exist. These conformance tests need ../shared/testdata/dicom ` +
        '(see MANIFEST.md there); they fail rather than pass without it.',
    )
  }
  return readdirSync(dir)
    .filter((f) => !f.startsWith('LICENSE'))
    .sort()
}

async function decodeInPage(page: Page, file: string, e: Expected): Promise<Decoded> {
  const base64 = readFileSync(file).toString('base64')
  return page.evaluate(
    async ({ base64, pixels }) => {
      const bin = atob(base64)
      const bytes = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
      const hook = (window as unknown as { __osteoplanDecode?: DecodeHook }).__osteoplanDecode
      if (!hook) {
        return { ok: false as const, message: 'window.__osteoplanDecode is not registered' }
      }
      return hook(bytes.buffer, { pixels })
    },
    { base64, pixels: e.pixels.map(([r, c]) => [r, c] as [number, number]) },
  )
}

function check(file: string, e: Expected, d: Decoded): void {
  expect.soft(d.ok ? '' : d.message, `${file} decodes`).toBe('')
  if (!d.ok) return
  if (e.rows !== undefined) expect.soft(d.rows, `${file} rows`).toBe(e.rows)
  if (e.columns !== undefined) expect.soft(d.columns, `${file} columns`).toBe(e.columns)
  if (e.frames !== undefined) expect.soft(d.frames, `${file} frames`).toBe(e.frames)
  if (e.reference) {
    // Exactly the reference decode, up to the rounding of HU to integers (≤ 0.5 per value and in the mean).
    const ref = e.reference
    ref.hu.forEach((want, i) => {
      expect
        .soft(Math.abs(d.huUnmasked[i] - want), `${file} |HU − reference decode| at pixel ${i}`)
        .toBeLessThanOrEqual(0.5)
    })
    expect
      .soft(Math.abs(d.min - ref.min), `${file} min vs reference decode`)
      .toBeLessThanOrEqual(0.5)
    expect
      .soft(Math.abs(d.max - ref.max), `${file} max vs reference decode`)
      .toBeLessThanOrEqual(0.5)
    expect
      .soft(Math.abs(d.mean - ref.mean), `${file} mean vs reference decode`)
      .toBeLessThanOrEqual(0.5)
  }
  if (e.lossy) {
    // Rounding to integer HU (storedToHu) adds at most 0.5 to the manifest's error bound.
    const tol = e.lossy.maxDiff + 0.5
    e.pixels.forEach((_, i) => {
      const got = d.huUnmasked[i]
      expect
        .soft(Math.abs(got - e.hu[i]), `${file} |HU − CTImage.dcm| at pixel ${i}`)
        .toBeLessThanOrEqual(tol)
    })
    // min/max of a perturbed image move by at most the max error; the mean by at most the mean error.
    expect.soft(Math.abs(d.min - e.min), `${file} min`).toBeLessThanOrEqual(tol)
    expect.soft(Math.abs(d.max - e.max), `${file} max`).toBeLessThanOrEqual(tol)
    expect
      .soft(Math.abs(d.mean - e.mean), `${file} mean`)
      .toBeLessThanOrEqual(e.lossy.meanDiff + 0.5)
    return
  }
  // Lossless: identical values; the mean only to the decimals the manifest prints (half a last digit).
  expect.soft(d.huUnmasked, `${file} HU at the listed pixels`).toEqual([...e.hu])
  expect.soft(d.min, `${file} min`).toBe(e.min)
  expect.soft(d.max, `${file} max`).toBe(e.max)
  expect
    .soft(Math.abs(d.mean - e.mean), `${file} mean`)
    .toBeLessThanOrEqual(0.5 * 10 ** -e.meanDecimals)
  if (e.paddedFirstPixel) {
    expect.soft(d.paddedPixels, `${file} padding pixels`).toBeGreaterThan(0)
    expect.soft(d.hu[d.hu.length - 1], `${file} padding shown as air`).toBe(PADDING_HU)
  }
}

for (const [set, expectedFor] of Object.entries(SETS)) {
  test(`every file of ${set} decodes in the browser to the manifest's HU`, async ({ page }) => {
    test.setTimeout(240_000)
    const files = listSet(set)
    expect(files.length, `${set} holds files`).toBeGreaterThan(0)
    await page.goto('/?diagnostics=1&case=synthetic')
    // The app finishes starting (viewers, Cornerstone) before the decoder is used.
    await waitReady(page)
    await page.waitForFunction(() => '__osteoplanDecode' in window)
    const summary: string[] = []
    for (const f of files) {
      const e = expectedFor(f)
      expect.soft(e, `${set}/${f} has an expectation from MANIFEST.md`).toBeDefined()
      if (!e) continue
      const d = await decodeInPage(page, path.join(TESTDATA, set, f), e)
      summary.push(
        d.ok
          ? `${f}: HU ${d.huUnmasked.join(', ')} | min ${d.min} max ${d.max} mean ${d.mean.toFixed(4)}`
          : `${f}: FAILED ${d.message}`,
      )
      check(f, e, d)
    }
    console.log(`${set}\n  ${summary.join('\n  ')}`)
  })
}
