/**
 * A minimal PDF 1.4 written by hand (no PDF library is installed): one page per image slice, each showing
 * an RGB image (a Flate-compressed image XObject) scaled to the page width. A tall report image is cut
 * into A4-proportioned slices. Document info carries the title and the not-for-clinical-use notice. Pure.
 */
import { zlibSync } from 'fflate'

/** An RGB image, 3 bytes per pixel, rows top to bottom. */
export interface RgbImage {
  readonly width: number
  readonly height: number
  readonly rgb: Uint8Array
}

/** A4 width, pt (1/72 in). */
export const PAGE_WIDTH_PT = 595.28
/** A4 height, pt. */
export const PAGE_HEIGHT_PT = 841.89

/** Escapes a PDF literal string; characters outside Latin-1 become '?'. */
export function pdfString(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`
    else if (c === 0x2014 || c === 0x2013) out += '-'
    else if (c === 0x2019 || c === 0x2018) out += "'"
    else if (c < 32 || c > 255) out += '?'
    else if (c > 126) out += `\\${c.toString(8).padStart(3, '0')}`
    else out += ch
  }
  return `(${out})`
}

/** Rows [y0, y1) of an image, as a new image. */
function rowsOf(img: RgbImage, y0: number, y1: number): RgbImage {
  return {
    width: img.width,
    height: y1 - y0,
    rgb: img.rgb.subarray(3 * img.width * y0, 3 * img.width * y1),
  }
}

/**
 * Writes the PDF. Each page holds at most `PAGE_HEIGHT_PT / PAGE_WIDTH_PT × width` image rows, drawn at
 * the page's full width from the top.
 */
export function pdfFromImage(
  img: RgbImage,
  info: { title: string; subject: string },
): Uint8Array<ArrayBuffer> {
  if (img.rgb.length !== img.width * img.height * 3) {
    throw new Error(`pdfFromImage: ${img.rgb.length} bytes for ${img.width}×${img.height} RGB`)
  }
  const rowsPerPage = Math.max(1, Math.floor((img.width * PAGE_HEIGHT_PT) / PAGE_WIDTH_PT))
  const slices: RgbImage[] = []
  for (let y = 0; y < img.height; y += rowsPerPage) {
    slices.push(rowsOf(img, y, Math.min(img.height, y + rowsPerPage)))
  }
  const enc = new TextEncoder()
  const chunks: Uint8Array[] = []
  let length = 0
  const offsets: number[] = []
  const push = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? enc.encode(b) : b
    chunks.push(bytes)
    length += bytes.length
  }
  const object = (id: number, body: string, stream?: Uint8Array) => {
    offsets[id] = length
    push(`${id} 0 obj\n${body}\n`)
    if (stream) {
      push('stream\n')
      push(stream)
      push('\nendstream\n')
    }
    push('endobj\n')
  }
  // Objects: 1 catalog, 2 pages, 3 info; then per page k: page, content, image.
  const n = slices.length
  const pageId = (k: number) => 4 + 3 * k
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
  object(1, '<< /Type /Catalog /Pages 2 0 R >>')
  const kids = slices.map((_, k) => `${pageId(k)} 0 R`).join(' ')
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`)
  object(
    3,
    `<< /Title ${pdfString(info.title)} /Subject ${pdfString(info.subject)} /Producer (OsteoPlan) >>`,
  )
  const w = PAGE_WIDTH_PT
  slices.forEach((slice, k) => {
    const h = (slice.height * w) / slice.width
    const id = pageId(k)
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${PAGE_HEIGHT_PT.toFixed(2)}] ` +
        `/Resources << /XObject << /Im${k} ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`,
    )
    const top = PAGE_HEIGHT_PT - h
    const content = enc.encode(
      `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 ${top.toFixed(2)} cm /Im${k} Do Q\n`,
    )
    object(id + 1, `<< /Length ${content.length} >>`, content)
    const data = zlibSync(slice.rgb, { level: 6 })
    object(
      id + 2,
      `<< /Type /XObject /Subtype /Image /Width ${slice.width} /Height ${slice.height} ` +
        `/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>`,
      data,
    )
  })
  const count = 4 + 3 * n
  const xref = length
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`
  for (let id = 1; id < count; id++) table += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  push(table)
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  const out = new Uint8Array(length)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/** RGB bytes of RGBA pixels (alpha dropped: the report is drawn on an opaque white page). */
export function rgbaToRgb(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const n = rgba.length / 4
  const out = new Uint8Array(n * 3)
  for (let i = 0; i < n; i++) {
    out[3 * i] = rgba[4 * i]!
    out[3 * i + 1] = rgba[4 * i + 1]!
    out[3 * i + 2] = rgba[4 * i + 2]!
  }
  return out
}
