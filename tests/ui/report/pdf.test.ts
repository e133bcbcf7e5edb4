import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  PAGE_HEIGHT_PT,
  PAGE_WIDTH_PT,
  pdfFromImage,
  pdfString,
  rgbaToRgb,
} from '../../../src/ui/report/pdf'

/** A w×h RGB image whose pixel (x, y) is (x, y, 7). */
function gradient(w: number, h: number) {
  const rgb = new Uint8Array(w * h * 3)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) rgb.set([x % 256, y % 256, 7], 3 * (y * w + x))
  }
  return { width: w, height: h, rgb }
}
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')

/** The objects of a PDF by number, read through its xref table (so wrong offsets fail). */
function objectsByXref(bytes: Uint8Array): Map<number, string> {
  const text = latin1(bytes)
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
  expect(text.slice(start, start + 5)).toBe('xref\n')
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(start))!
  expect(Number(first)).toBe(0)
  const rows = text
    .slice(start)
    .split('\n')
    .slice(2, 2 + Number(count))
  const out = new Map<number, string>()
  rows.forEach((row, id) => {
    if (id === 0) return
    const offset = Number(row.slice(0, 10))
    expect(text.slice(offset).startsWith(`${id} 0 obj\n`)).toBe(true)
    out.set(id, text.slice(offset, text.indexOf('endobj', offset)))
  })
  return out
}

describe('pdf', () => {
  it('escapes strings and replaces what Latin-1 cannot say', () => {
    expect(pdfString('a (b) \\ c')).toBe('(a \\(b\\) \\\\ c)')
    expect(pdfString('é — ’ 漢')).toBe("(\\351 - ' ?)")
  })

  it('writes a valid one-page PDF whose image decodes to the pixels', () => {
    const img = gradient(40, 30)
    const bytes = pdfFromImage(img, { title: 'Plan (case x)', subject: 'Not for clinical use' })
    const text = latin1(bytes)
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    const objects = objectsByXref(bytes)
    expect(objects.get(1)).toContain('/Type /Catalog /Pages 2 0 R')
    expect(objects.get(2)).toContain('/Count 1')
    expect(objects.get(3)).toContain('/Title (Plan \\(case x\\))')
    expect(objects.get(4)).toContain(
      `/MediaBox [0 0 ${PAGE_WIDTH_PT.toFixed(2)} ${PAGE_HEIGHT_PT.toFixed(2)}]`,
    )
    expect(objects.get(5)).toContain('/Im0 Do')
    const image = objects.get(6)!
    expect(image).toContain('/Width 40 /Height 30 /ColorSpace /DeviceRGB /BitsPerComponent 8')
    const length = Number(/\/Length (\d+)/.exec(image)![1])
    const at = text.indexOf('stream\n', text.indexOf('6 0 obj')) + 'stream\n'.length
    const raw = inflateSync(bytes.subarray(at, at + length))
    expect(Buffer.compare(raw, Buffer.from(img.rgb))).toBe(0)
    expect(text.slice(at + length, at + length + 10)).toBe('\nendstream')
    expect(text).toMatch(/trailer\n<< \/Size 7 \/Root 1 0 R \/Info 3 0 R >>/)
  })

  it('cuts a tall image into A4 pages that together hold every row', () => {
    const img = gradient(100, 400)
    const bytes = pdfFromImage(img, { title: 't', subject: 's' })
    const objects = objectsByXref(bytes)
    const perPage = Math.floor((100 * PAGE_HEIGHT_PT) / PAGE_WIDTH_PT)
    const pages = Math.ceil(400 / perPage)
    expect(objects.get(2)).toContain(`/Count ${pages}`)
    let rows = 0
    for (let k = 0; k < pages; k++) {
      rows += Number(/\/Height (\d+)/.exec(objects.get(6 + 3 * k)!)![1])
    }
    expect(rows).toBe(400)
  })

  it('refuses pixels that do not match the size, and drops alpha', () => {
    expect(() =>
      pdfFromImage({ width: 2, height: 2, rgb: new Uint8Array(5) }, { title: '', subject: '' }),
    ).toThrow(/5 bytes for 2×2 RGB/)
    expect([...rgbaToRgb(new Uint8Array([1, 2, 3, 255, 4, 5, 6, 0]))]).toEqual([1, 2, 3, 4, 5, 6])
  })
})
