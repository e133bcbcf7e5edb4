import { describe, expect, it } from 'vitest'
import {
  deterministicUid,
  murmur3x86x128,
  uuidV8FromText,
} from '../../../src/cases/dicom/deterministicUid'
import { utf8Decode, utf8Encode } from '../../../src/cases/dicom/utf8'
import { formatDs } from '../../../src/cases/dicom/formatDs'
import { createRng } from '../../../src/lib/rng'

describe('murmur3x86x128', () => {
  it('passes the SMHasher verification test (published value 0xB3ECE62A for MurmurHash3_x86_128)', () => {
    // SMHasher VerificationTest: hash keys {0}, {0,1}, … {0..254} with seed 256 − n, hash the concatenated
    // little-endian outputs with seed 0 and read the first 4 bytes.
    const key = new Uint8Array(256)
    const all = new Uint8Array(256 * 16)
    for (let i = 0; i < 256; i++) {
      key[i] = i
      const h = murmur3x86x128(key.subarray(0, i), 256 - i)
      h.forEach((w, k) => new DataView(all.buffer).setUint32(i * 16 + 4 * k, w, true))
    }
    expect(murmur3x86x128(all, 0)[0]).toBe(0xb3ece62a)
  })

  it('matches mmh3 (Python) hash64("foo", x64arch=False) second word: 6968798590746895717', () => {
    const [, , c, d] = murmur3x86x128(utf8Encode('foo'))
    expect((BigInt(d) << 32n) | BigInt(c)).toBe(6968798590746895717n)
  })

  it('avalanches: one changed character flips about half of the 128 bits', () => {
    const rng = createRng(11)
    let total = 0
    const trials = 500
    for (let t = 0; t < trials; t++) {
      const a = `case-${rng.int(0, 1e9)}-slice-${rng.int(0, 999)}`
      const pos = rng.int(0, a.length - 1)
      const b = a.slice(0, pos) + String.fromCharCode(a.charCodeAt(pos) ^ 1) + a.slice(pos + 1)
      const x = uuidV8FromText(a) ^ uuidV8FromText(b)
      total += x
        .toString(2)
        .split('')
        .filter((ch) => ch === '1').length
    }
    // 122 free bits → mean 61; the std of a mean of 500 binomial(122, ½) draws is 0.25, so ±2 is 8σ.
    expect(Math.abs(total / trials - 61)).toBeLessThan(2)
  })
})

describe('deterministicUid', () => {
  it('is a 2.25 UUID UID: ≤ 64 chars, no leading zero, RFC 9562 version 8 and variant 10', () => {
    const seen = new Set<string>()
    for (let k = 0; k < 2000; k++) {
      const uid = deterministicUid('OsteoPlan', 'case', 3, 'ct-instance', k)
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/)
      expect(uid.length).toBeLessThanOrEqual(64)
      const u = BigInt(uid.slice(5))
      expect(Number((u >> 76n) & 0xfn)).toBe(8)
      expect(Number((u >> 62n) & 0x3n)).toBe(2)
      seen.add(uid)
    }
    expect(seen.size).toBe(2000)
    expect(deterministicUid('a', 1)).toBe(deterministicUid('a', 1))
  })
})

describe('utf8', () => {
  it('round-trips BMP and astral characters and replaces malformed bytes', () => {
    const text = 'OsteoPlan — Ünïcødé 🦴 done'
    expect(utf8Decode(utf8Encode(text))).toBe(text)
    expect(utf8Encode('—')).toEqual(Uint8Array.from([0xe2, 0x80, 0x94]))
    expect(utf8Decode(Uint8Array.from([0x41, 0xc0, 0x80, 0xff, 0x42]))).toBe('A\ufffd\ufffd\ufffdB')
  })
})

describe('formatDs', () => {
  it('fits 16 characters and keeps the relative error ≤ 5e-11 for |v| in [1e-5, 1e10]', () => {
    const rng = createRng(5)
    for (let t = 0; t < 5000; t++) {
      const v = (rng.next() < 0.5 ? -1 : 1) * 10 ** rng.uniform(-5, 10) * (1 + rng.next())
      const s = formatDs(v)
      expect(s.length).toBeLessThanOrEqual(16)
      // Bound from the docstring: ≥ 11 significant digits in this range, so half a unit in the 11th digit.
      expect(Math.abs(Number(s) - v) / Math.abs(v)).toBeLessThanOrEqual(5e-11)
    }
    expect(formatDs(-0)).toBe('0')
    expect(formatDs(2.5)).toBe('2.5')
    expect(() => formatDs(Number.NaN)).toThrow()
  })
})
