/**
 * The layout of a report page: header and notice, the key views in a two-column grid, then the devices,
 * verdicts, metrics, warnings and sources as wrapped text. Returns drawing operations in page pixels; the
 * text width comes from a `measure` function (the canvas's `measureText` in the app, a fixed width per
 * character in tests). Pure.
 */
import type { ReportContent } from './reportContent'

/** Measures the width of `text` in `font`, px. */
export type MeasureText = (text: string, font: string) => number

export interface TextOp {
  readonly kind: 'text'
  readonly x: number
  /** Baseline. */
  readonly y: number
  readonly text: string
  readonly font: string
  readonly color: string
}
export interface RectOp {
  readonly kind: 'rect'
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly fill: string
  readonly stroke?: string
}
export interface ImageOp {
  readonly kind: 'image'
  /** Index into the views given to `layoutReport`. */
  readonly view: number
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}
export type DrawOp = TextOp | RectOp | ImageOp

/** A page: its size and what to draw on it, in order. */
export interface ReportLayout {
  readonly width: number
  readonly height: number
  readonly ops: readonly DrawOp[]
}

/** A view to place: its caption and pixel size. */
export interface ViewBox {
  readonly label: string
  readonly width: number
  readonly height: number
}

export const REPORT_WIDTH_PX = 1600
/** The tallest page drawn, px: longer text is cut with a line saying how much was left out. */
export const MAX_REPORT_HEIGHT_PX = 9000
const MARGIN = 48
const GAP = 16
const INK = '#111418'
const MUTED = '#4a5260'
const DANGER = '#a4161a'
export const FONTS = {
  title: 'bold 36px system-ui, sans-serif',
  subtitle: '18px system-ui, sans-serif',
  notice: 'bold 18px system-ui, sans-serif',
  heading: 'bold 22px system-ui, sans-serif',
  body: '17px system-ui, sans-serif',
  small: '14px system-ui, sans-serif',
  caption: 'bold 16px system-ui, sans-serif',
} as const

/** Splits `text` into lines no wider than `maxWidth` (words longer than a line are cut). */
export function wrapText(
  text: string,
  maxWidth: number,
  measure: MeasureText,
  font: string,
): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word
      if (measure(next, font) <= maxWidth) {
        line = next
        continue
      }
      if (line) lines.push(line)
      let rest = word
      while (measure(rest, font) > maxWidth && rest.length > 1) {
        let n = rest.length - 1
        while (n > 1 && measure(rest.slice(0, n), font) > maxWidth) n--
        lines.push(rest.slice(0, n))
        rest = rest.slice(n)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

const lineHeight = (font: string): number =>
  Math.round(Number(/(\d+)px/.exec(font)?.[1] ?? 16) * 1.35)

/** Cuts a page taller than the limit (with a line saying so) and sizes its background. */
function finishPage(ops: DrawOp[], bottom: number, width: number, notice: string): ReportLayout {
  const height = Math.min(Math.ceil(bottom), MAX_REPORT_HEIGHT_PX)
  let out = ops
  if (bottom > MAX_REPORT_HEIGHT_PX) {
    const limit = MAX_REPORT_HEIGHT_PX - MARGIN - 2 * lineHeight(FONTS.small)
    const kept = ops.filter((o) => (o.kind === 'text' ? o.y : o.y + o.h) <= limit)
    const texts = (list: readonly DrawOp[]) => list.filter((o) => o.kind === 'text').length
    kept.push({
      kind: 'text',
      x: MARGIN,
      y: limit + lineHeight(FONTS.small),
      text: `… ${texts(ops) - texts(kept)} more lines left out (the page is limited to ${MAX_REPORT_HEIGHT_PX} px). ${notice}`,
      font: FONTS.small,
      color: DANGER,
    })
    out = kept
  }
  // The page background spans the final height.
  out[0] = { kind: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' }
  return { width, height, ops: out }
}

/** Lays out a report page. */
export function layoutReport(
  content: ReportContent,
  views: readonly ViewBox[],
  measure: MeasureText,
  width = REPORT_WIDTH_PX,
): ReportLayout {
  const ops: DrawOp[] = []
  const textWidth = width - 2 * MARGIN
  let y = MARGIN
  const text = (t: string, font: string, color = INK, x = MARGIN, maxWidth = textWidth) => {
    for (const line of wrapText(t, maxWidth, measure, font)) {
      y += lineHeight(font)
      ops.push({ kind: 'text', x, y, text: line, font, color })
    }
  }
  ops.push({ kind: 'rect', x: 0, y: 0, w: width, h: 0, fill: '#ffffff' })
  text(content.title, FONTS.title)
  text(content.subtitle, FONTS.subtitle, MUTED)
  if (content.comparedWith) text(`Shown beside: ${content.comparedWith}`, FONTS.subtitle, MUTED)
  y += GAP / 2
  const noticeTop = y
  y += 8
  text(content.notice, FONTS.notice, DANGER, MARGIN + 12, textWidth - 24)
  y += 12
  ops.push({
    kind: 'rect',
    x: MARGIN,
    y: noticeTop,
    w: textWidth,
    h: y - noticeTop,
    fill: '#fff1f1',
    stroke: DANGER,
  })
  // The notice box goes under its text: move it before the notice's lines.
  const box = ops.pop()!
  const firstNoticeLine = ops.findIndex((o) => o.kind === 'text' && o.y > noticeTop)
  ops.splice(firstNoticeLine, 0, box)
  y += GAP

  const colW = (textWidth - GAP) / 2
  for (let i = 0; i < views.length; i += 2) {
    const row = views.slice(i, i + 2)
    const heights = row.map((v) => (v.width > 0 ? (colW * v.height) / v.width : 0))
    const rowH = Math.min(Math.max(0, ...heights), colW * 1.25)
    y += lineHeight(FONTS.caption)
    row.forEach((v, j) => {
      const x = MARGIN + j * (colW + GAP)
      ops.push({ kind: 'text', x, y, text: v.label, font: FONTS.caption, color: INK })
      const s = v.width > 0 && v.height > 0 ? Math.min(colW / v.width, rowH / v.height) : 0
      ops.push({ kind: 'rect', x, y: y + 6, w: colW, h: rowH, fill: '#000000' })
      const w = v.width * s
      const h = v.height * s
      ops.push({
        kind: 'image',
        view: i + j,
        x: x + (colW - w) / 2,
        y: y + 6 + (rowH - h) / 2,
        w,
        h,
      })
    })
    y += 6 + rowH + GAP
  }

  const section = (heading: string, lines: readonly string[], font: string = FONTS.body) => {
    if (lines.length === 0) return
    y += GAP / 2
    text(heading, FONTS.heading)
    for (const l of lines) text(l, font)
  }
  section('Devices', content.devices)
  section('Simulation', content.verdicts)
  section(
    'Metrics',
    content.metrics.map((m) => `${m.device} · ${m.label}: ${m.value}`),
  )
  section('Warnings', content.warnings.length > 0 ? content.warnings : ['None.'])
  section('Sources and uncertainty', content.sources, FONTS.small)
  y += GAP
  text(content.notice, FONTS.small, DANGER)
  y += MARGIN

  return finishPage(ops, y, width, content.notice)
}
