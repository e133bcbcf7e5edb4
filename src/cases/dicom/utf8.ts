/**
 * UTF-8 and Latin-1 byte ⇄ string conversion without TextEncoder/TextDecoder, which the pure layers' type
 * environment (ES2023 lib, no DOM or WebWorker) does not declare.
 */

/** Encodes a string as UTF-8 bytes (unpaired surrogates become U+FFFD). */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd
    if (cp < 0x80) out.push(cp)
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else {
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      )
    }
  }
  return Uint8Array.from(out)
}

/** Decodes UTF-8 bytes; malformed sequences become U+FFFD rather than throwing. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0
    let need: number
    let cp: number
    if (b0 < 0x80) {
      out += String.fromCharCode(b0)
      i++
      continue
    } else if (b0 >= 0xc2 && b0 < 0xe0) {
      need = 1
      cp = b0 & 31
    } else if (b0 >= 0xe0 && b0 < 0xf0) {
      need = 2
      cp = b0 & 15
    } else if (b0 >= 0xf0 && b0 < 0xf5) {
      need = 3
      cp = b0 & 7
    } else {
      out += '\ufffd'
      i++
      continue
    }
    let ok = i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) {
      const b = bytes[i + k] ?? 0
      if ((b & 0xc0) !== 0x80) ok = false
      else cp = (cp << 6) | (b & 63)
    }
    const overlong = (need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000)
    if (!ok || overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd'
      i++
      continue
    }
    out += String.fromCodePoint(cp)
    i += need + 1
  }
  return out
}

/** Decodes ISO 8859-1 bytes (each byte is its own code point). */
export function latin1Decode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] ?? 0)
  return out
}
