/**
 * Plan text is data, never markup. These helpers define which characters free-text fields may hold and
 * clean user input before it enters a plan. Pure; no DOM.
 */

/**
 * Characters a stored free-text field must not contain: C0/C1 control characters (tab and newline are
 * allowed only where a field is multi-line), bidirectional overrides and isolates (they can disguise text),
 * and angle brackets (so nothing in a plan can form an HTML or SVG tag, whatever a renderer does).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/u
/** As {@link UNSAFE_SINGLE_LINE} but tab (U+0009) and line feed (U+000A) are allowed. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/u

/** True when `text` contains no control characters, bidi overrides or angle brackets. */
export function isSafeText(text: string, isMultiLine = false): boolean {
  return !(isMultiLine ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).test(text)
}

/** Options of {@link sanitizeText}. */
export interface SanitizeTextOptions {
  /** Longest result in UTF-16 code units; longer text is cut at a code-point boundary. Default 120. */
  readonly maxLength?: number
  /** Keep line feeds and tabs (notes fields). Default false: every whitespace run becomes one space. */
  readonly isMultiLine?: boolean
}

/**
 * Cleans user-typed text so that it passes the plan schema: normalises to NFC, turns CR/CRLF into LF,
 * removes control characters, bidi overrides and angle brackets, collapses whitespace (keeping line feeds
 * in multi-line fields), trims, and truncates to `maxLength`.
 */
export function sanitizeText(text: string, options: SanitizeTextOptions = {}): string {
  const maxLength = options.maxLength ?? 120
  const isMultiLine = options.isMultiLine ?? false
  let s = text.normalize('NFC').replace(/\r\n?/g, '\n')
  if (isMultiLine) {
    s = s
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/gu, '')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
  } else {
    // Control characters become spaces first so that "a\nb" reads "a b", not "ab".
    s = s
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/[\u202a-\u202e\u2066-\u2069<>]/gu, '')
      .replace(/\s+/g, ' ')
  }
  s = s.trim()
  if (s.length <= maxLength) return s
  // Cut on a code-point boundary so that no lone surrogate is left behind.
  let cut = maxLength
  const code = s.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1
  return s.slice(0, cut).trimEnd()
}
