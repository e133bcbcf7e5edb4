import { describe, expect, it } from 'vitest'
import { parseAppParams } from '../../src/lib/urlParams'

const parse = (s: string) => parseAppParams(new URLSearchParams(s))

describe('parseAppParams', () => {
  it('reads case and crosshair', () => {
    expect(parse('?case=lumbar-rcc-l3&crosshair=1.5,-20,300')).toEqual({
      caseId: 'lumbar-rcc-l3',
      crosshairMm: [1.5, -20, 300],
      problems: [],
    })
  })
  it('reports malformed values in plain words and ignores them', () => {
    const p = parse('?case=<script>&crosshair=1,2')
    expect(p.caseId).toBeUndefined()
    expect(p.crosshairMm).toBeUndefined()
    expect(p.problems).toHaveLength(2)
    expect(p.problems[1]).toMatch(/three numbers in mm/)
  })
  it('rejects non-finite and absurd coordinates', () => {
    expect(parse('?crosshair=1,NaN,3').crosshairMm).toBeUndefined()
    expect(parse('?crosshair=1,2,1e9').crosshairMm).toBeUndefined()
  })
})
