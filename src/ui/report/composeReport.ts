/**
 * Makes a report of the edited plan: its text (reportContent), the captured views, the page layout, drawn
 * on a canvas; then a PNG or a PDF of it. The only DOM-bound part of the report besides the capture.
 */
import type { AppState } from '../../store/appStore'
import { captureViews, type CapturedView } from './captureViews'
import { pdfFromImage, rgbaToRgb } from './pdf'
import { reportContent, scanWords, type ReportContent } from './reportContent'
import { layoutReport, type ReportLayout } from './reportLayout'

/** The report's text for the store's state (results of the plan's devices only). */
export function contentOf(s: AppState, now = new Date()): ReportContent {
  const results = s.plan.devices.flatMap((d) => (s.simResults[d.id] ? [s.simResults[d.id]!] : []))
  return reportContent({
    plan: s.plan,
    results,
    generatedAt: now,
    comparedWith: s.comparePlan && s.compareVisible ? s.compareLabel : null,
  })
}

/** Draws a laid-out page with its views on a new canvas. */
export function drawReport(
  layout: ReportLayout,
  views: readonly CapturedView[],
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = layout.width
  canvas.height = layout.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('The report needs a 2D canvas, which this browser did not give.')
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      ctx.fillStyle = op.fill
      ctx.fillRect(op.x, op.y, op.w, op.h)
      if (op.stroke) {
        ctx.strokeStyle = op.stroke
        ctx.lineWidth = 2
        ctx.strokeRect(op.x + 1, op.y + 1, op.w - 2, op.h - 2)
      }
    } else if (op.kind === 'text') {
      ctx.font = op.font
      ctx.fillStyle = op.color
      ctx.fillText(op.text, op.x, op.y)
    } else {
      const v = views[op.view]
      if (v) ctx.drawImage(v.canvas, op.x, op.y, op.w, op.h)
    }
  }
  return canvas
}

/** Composes the report page of the current plan. */
export async function composeReport(s: AppState): Promise<HTMLCanvasElement> {
  const views = await captureViews()
  const scratch = document.createElement('canvas').getContext('2d')
  if (!scratch) throw new Error('The report needs a 2D canvas, which this browser did not give.')
  const measure = (text: string, font: string) => {
    scratch.font = font
    return scratch.measureText(text).width
  }
  const layout = layoutReport(
    contentOf(s),
    views.map((v) => ({ label: v.label, width: v.canvas.width, height: v.canvas.height })),
    measure,
  )
  return drawReport(layout, views)
}

/** The PNG of a report canvas. */
export function reportPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  )
}

/** The PDF of a report canvas (the page image, cut into A4 pages). */
export function reportPdf(canvas: HTMLCanvasElement, s: AppState): Blob {
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('The report canvas has no 2D context.')
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
  const bytes = pdfFromImage(
    { width: canvas.width, height: canvas.height, rgb: rgbaToRgb(data) },
    {
      title: `${s.plan.title} (${scanWords(s.plan)})`,
      subject: 'OsteoPlan plan report. Teaching tool, not for clinical use.',
    },
  )
  return new Blob([bytes], { type: 'application/pdf' })
}

/** A safe file name for a report of plan `title`. */
export function reportFileName(title: string, ext: 'png' | 'pdf' | 'webm'): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'plan'
  return `osteoplan-${base}.${ext}`
}

/** Saves a blob as a download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
