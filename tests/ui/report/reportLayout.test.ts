import { describe, expect, it } from 'vitest'
import type { ReportContent } from '../../../src/ui/report/reportContent'
import {
  MAX_REPORT_HEIGHT_PX,
  REPORT_WIDTH_PX,
  layoutReport,
  wrapText,
  type TextOp,
} from '../../../src/ui/report/reportLayout'

/** 10 px per character, whatever the font. */
const measure = (t: string) => 10 * t.length

const content: ReportContent = {
  title: 'Plan',
  subtitle: 'OsteoPlan plan report · case l3-rcc-lytic',
  notice: 'Teaching tool, not for clinical use.',
  devices: ['mw-1 · Microwave antenna'],
  verdicts: ['mw-1: acceptable'],
  metrics: [{ device: 'mw-1', label: 'Coverage', value: '98 %' }],
  warnings: [],
  sources: ['Coverage: FACTS'],
  comparedWith: null,
}
const texts = (ops: readonly { kind: string }[]) =>
  ops.filter((o): o is TextOp => o.kind === 'text').map((o) => o.text)

describe('wrapText', () => {
  it('breaks at spaces within the width and cuts words longer than a line', () => {
    expect(wrapText('aaa bbb ccc', 70, measure, 'f')).toEqual(['aaa bbb', 'ccc'])
    expect(wrapText('abcdefghij', 40, measure, 'f')).toEqual(['abcd', 'efgh', 'ij'])
    expect(wrapText('one\ntwo', 1000, measure, 'f')).toEqual(['one', 'two'])
  })
})

describe('layoutReport', () => {
  it('puts the title, notice, views in two columns, then the sections, on a white page', () => {
    const views = [
      { label: 'Axial', width: 600, height: 400 },
      { label: 'Sagittal', width: 600, height: 400 },
      { label: '3D', width: 300, height: 400 },
    ]
    const l = layoutReport(content, views, measure)
    expect(l.width).toBe(REPORT_WIDTH_PX)
    expect(l.ops[0]).toMatchObject({ kind: 'rect', x: 0, y: 0, w: REPORT_WIDTH_PX, h: l.height })
    const t = texts(l.ops)
    expect(t.slice(0, 2)).toEqual(['Plan', content.subtitle])
    // The notice appears twice: under the title and at the foot.
    expect(t.filter((x) => x === content.notice)).toHaveLength(2)
    for (const h of ['Devices', 'Simulation', 'Metrics', 'Warnings', 'Sources and uncertainty']) {
      expect(t).toContain(h)
    }
    expect(t).toContain('None.')
    expect(t).toContain('mw-1 · Coverage: 98 %')
    const images = l.ops.filter((o) => o.kind === 'image')
    expect(images.map((o) => o.view)).toEqual([0, 1, 2])
    // Side by side in a row, each within its column and keeping its aspect ratio.
    expect(images[0].y).toBe(images[1].y)
    expect(images[1].x).toBeGreaterThan(images[0].x + images[0].w)
    expect(images[2].y).toBeGreaterThan(images[0].y + images[0].h)
    for (const [i, v] of views.entries()) {
      expect(images[i].w / images[i].h).toBeCloseTo(v.width / v.height, 6)
    }
    // Everything is inside the page.
    for (const o of l.ops) {
      if (o.kind === 'text') expect(o.y).toBeLessThanOrEqual(l.height)
      else expect(o.y + o.h).toBeLessThanOrEqual(l.height + 1e-9)
    }
    // The notice box is drawn before (under) the notice's text.
    const box = l.ops.findIndex((o) => o.kind === 'rect' && o.stroke)
    const notice = l.ops.findIndex((o) => o.kind === 'text' && o.text === content.notice)
    expect(box).toBeGreaterThan(0)
    expect(box).toBeLessThan(notice)
  })

  it('cuts a page that would be too tall, and says how much was left out', () => {
    const long = { ...content, sources: Array.from({ length: 2000 }, (_, i) => `source ${i}`) }
    const l = layoutReport(long, [], measure)
    expect(l.height).toBe(MAX_REPORT_HEIGHT_PX)
    const last = texts(l.ops).at(-1)!
    expect(last).toMatch(/^… \d+ more lines left out/)
    expect(last).toContain(content.notice)
  })
})
