/**
 * Deterministic DICOM UIDs in the `2.25.<decimal>` form (PS3.5 §B.2, ITU-T X.667): a 128-bit UUID written
 * as one decimal integer. The UUID is an RFC 9562 version-8 ("custom") UUID whose 122 free bits come from
 * MurmurHash3 x86_128 of the UTF-8 text, so the same case id and seed always give the same UIDs and
 * re-exporting a phantom does not create "new" studies in a PACS or viewer cache.
 */
import { utf8Encode } from './utf8'

/** Root of UUID-derived UIDs (PS3.5 §B.2). */
export const UUID_UID_ROOT = '2.25'

const C1 = 0x239b961b
const C2 = 0xab0e9789
const C3 = 0x38b34ae5
const C4 = 0xa1e38b93

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0
function fmix(h0: number): number {
  let h = h0 >>> 0
  h ^= h >>> 16
  h = mul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = mul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** MurmurHash3 x86_128 (Appleby, public domain reference `MurmurHash3.cpp`) as four 32-bit words. */
export function murmur3x86x128(bytes: Uint8Array, seed = 0): [number, number, number, number] {
  let h1 = seed >>> 0
  let h2 = seed >>> 0
  let h3 = seed >>> 0
  let h4 = seed >>> 0
  const n = bytes.length
  const blocks = Math.floor(n / 16)
  const word = (o: number): number =>
    ((bytes[o] ?? 0) |
      ((bytes[o + 1] ?? 0) << 8) |
      ((bytes[o + 2] ?? 0) << 16) |
      ((bytes[o + 3] ?? 0) << 24)) >>>
    0
  for (let b = 0; b < blocks; b++) {
    const o = b * 16
    let k1 = word(o)
    let k2 = word(o + 4)
    let k3 = word(o + 8)
    let k4 = word(o + 12)
    k1 = mul(rotl(mul(k1, C1), 15), C2)
    h1 ^= k1
    h1 = (rotl(h1, 19) + h2) >>> 0
    h1 = (mul(h1, 5) + 0x561ccd1b) >>> 0
    k2 = mul(rotl(mul(k2, C2), 16), C3)
    h2 ^= k2
    h2 = (rotl(h2, 17) + h3) >>> 0
    h2 = (mul(h2, 5) + 0x0bcaa747) >>> 0
    k3 = mul(rotl(mul(k3, C3), 17), C4)
    h3 ^= k3
    h3 = (rotl(h3, 15) + h4) >>> 0
    h3 = (mul(h3, 5) + 0x96cd1c35) >>> 0
    k4 = mul(rotl(mul(k4, C4), 18), C1)
    h4 ^= k4
    h4 = (rotl(h4, 13) + h1) >>> 0
    h4 = (mul(h4, 5) + 0x32ac3b17) >>> 0
  }
  const tail = blocks * 16
  const rest = n & 15
  const t = (i: number): number => bytes[tail + i] ?? 0
  let k1 = 0
  let k2 = 0
  let k3 = 0
  let k4 = 0
  if (rest > 12) {
    for (let i = Math.min(rest, 16) - 1; i >= 12; i--) k4 = (k4 ^ (t(i) << ((i - 12) * 8))) >>> 0
    k4 = mul(rotl(mul(k4, C4), 18), C1)
    h4 ^= k4
  }
  if (rest > 8) {
    for (let i = Math.min(rest, 12) - 1; i >= 8; i--) k3 = (k3 ^ (t(i) << ((i - 8) * 8))) >>> 0
    k3 = mul(rotl(mul(k3, C3), 17), C4)
    h3 ^= k3
  }
  if (rest > 4) {
    for (let i = Math.min(rest, 8) - 1; i >= 4; i--) k2 = (k2 ^ (t(i) << ((i - 4) * 8))) >>> 0
    k2 = mul(rotl(mul(k2, C2), 16), C3)
    h2 ^= k2
  }
  if (rest > 0) {
    for (let i = Math.min(rest, 4) - 1; i >= 0; i--) k1 = (k1 ^ (t(i) << (i * 8))) >>> 0
    k1 = mul(rotl(mul(k1, C1), 15), C2)
    h1 ^= k1
  }
  h1 = (h1 ^ n) >>> 0
  h2 = (h2 ^ n) >>> 0
  h3 = (h3 ^ n) >>> 0
  h4 = (h4 ^ n) >>> 0
  h1 = (h1 + h2 + h3 + h4) >>> 0
  h2 = (h2 + h1) >>> 0
  h3 = (h3 + h1) >>> 0
  h4 = (h4 + h1) >>> 0
  h1 = fmix(h1)
  h2 = fmix(h2)
  h3 = fmix(h3)
  h4 = fmix(h4)
  h1 = (h1 + h2 + h3 + h4) >>> 0
  h2 = (h2 + h1) >>> 0
  h3 = (h3 + h1) >>> 0
  h4 = (h4 + h1) >>> 0
  return [h1, h2, h3, h4]
}

/**
 * The 128-bit RFC 9562 version-8 UUID for `text`, as an unsigned BigInt: hash bits everywhere except the
 * version nibble (bits 76–79 = 8) and the variant bits (bits 62–63 = 0b10).
 */
export function uuidV8FromText(text: string): bigint {
  const [a, b, c, d] = murmur3x86x128(utf8Encode(text))
  // Word layout, most significant first: time_low | time_mid,ver+time_hi | var+clock_seq,node_hi | node_lo.
  const w1 = ((b & 0xffff0fff) | 0x00008000) >>> 0
  const w2 = ((c & 0x3fffffff) | 0x80000000) >>> 0
  return (BigInt(a) << 96n) | (BigInt(w1) << 64n) | (BigInt(w2) << 32n) | BigInt(d)
}

/** A `2.25.<decimal>` UID derived deterministically from the given parts (joined with `|`). */
export function deterministicUid(...parts: ReadonlyArray<string | number>): string {
  return `${UUID_UID_ROOT}.${uuidV8FromText(parts.map(String).join('|')).toString()}`
}
