/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- these tests edit raw, untyped plan JSON on purpose */
import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  decodePlanFromUrl,
  encodePlanForUrl,
  MAX_URL_INFLATED_BYTES,
  PlanSchema,
} from '../../src/plan'
import { decodeBase64Url, encodeBase64Url } from '../../src/plan/base64url'
import { createRng } from '../../src/lib/rng'
import { makePlan, typicalPlan } from './planFixtures'

describe('base64url', () => {
  it('round-trips every length 0–64 of random bytes and uses only the URL-safe alphabet without padding', () => {
    const rng = createRng(7)
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(0, 255))
      const text = encodeBase64Url(bytes)
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
      expect(text.length).toBe(Math.ceil((4 * n) / 3))
      expect(decodeBase64Url(text)).toEqual(bytes)
    }
  })

  it('matches RFC 4648 test vectors (padding removed)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ]
    for (const [plain, coded] of vectors) expect(encodeBase64Url(strToU8(plain))).toBe(coded)
    expect(encodeBase64Url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8')
  })

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(decodeBase64Url('ab+c')).toBeNull()
    expect(decodeBase64Url('abcde')).toBeNull()
    expect(decodeBase64Url('ab=c')).toBeNull()
  })
})

describe('share links', () => {
  it.each([
    ['typical', typicalPlan()],
    ['every device kind', makePlan()],
  ])(
    '%s plan: decode(encode(plan)) is deep-equal to the plan, byte-identical as JSON',
    (_name, plan) => {
      const fragment = encodePlanForUrl(plan)
      expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/)
      const back = decodePlanFromUrl(`#${fragment}`)
      expect(back.ok).toBe(true)
      if (!back.ok) return
      expect(back.warnings).toEqual([])
      expect(back.plan).toEqual(plan)
      // Byte-identical against the schema's canonical key order (what every parsed plan has).
      expect(JSON.stringify(back.plan)).toBe(JSON.stringify(PlanSchema.parse(plan)))
    },
  )

  it('keeps a typical plan well under 2 kB in the URL', () => {
    // The brief's budget: a typical plan (two needles, a target, a thermocouple) "well under 2 kB".
    expect(encodePlanForUrl(typicalPlan()).length).toBeLessThan(1000)
  })

  it('rejects damaged links with plain reasons', () => {
    const good = encodePlanForUrl(typicalPlan())
    const bad = (f: string): readonly string[] => {
      const r = decodePlanFromUrl(f)
      return r.ok ? [] : r.errors
    }
    expect(bad('%%%')).toEqual([
      'the link is damaged: it contains characters that are not base64url',
    ])
    expect(bad(good.slice(0, 20))[0]).toMatch(/^the link is damaged|^the file is not valid JSON/)
    expect(bad('A'.repeat(70_000))[0]).toMatch(/^the link is too long/)
    // A valid deflate stream just over the limit: a decompression bomb is cut off at the inflate limit.
    const bomb = encodeBase64Url(
      deflateSync(new Uint8Array(MAX_URL_INFLATED_BYTES + 1000).fill(32), { level: 1 }),
    )
    expect(bad(bomb)).toEqual([`the link expands to more than ${MAX_URL_INFLATED_BYTES} bytes`])
  })

  it('runs links through the same validation as files', () => {
    const plan = typicalPlan() as any
    plan.devices[0].powerW = 5000
    const fragment = encodeBase64Url(deflateSync(strToU8(JSON.stringify(plan))))
    const r = decodePlanFromUrl(fragment)
    expect(r.ok ? [] : r.errors).toEqual([
      'devices[0].powerW must be between 1 and 250 W (got 5000)',
    ])
  })
})
