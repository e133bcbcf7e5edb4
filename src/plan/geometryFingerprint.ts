import type { VolumeGeometry } from '../lib/space'

/** Decimal places kept before hashing: spacing to 1 µm, origin to 10 µm, direction cosines to 1e-5. */
const SPACING_DECIMALS = 3
const ORIGIN_DECIMALS = 2
const DIRECTION_DECIMALS = 5

/** Fixed-point text of a value, with −0 written as 0 so that the two hash alike. */
const fixed = (v: number, decimals: number): string => {
  const s = v.toFixed(decimals)
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s
}

/**
 * 64-bit string hash (two independent 32-bit FNV-1a-style lanes with murmur finalisers), as 16 hex digits.
 * Not cryptographic: it identifies a geometry, it does not protect anything.
 */
function hash64(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  const fin = (h: number): number => {
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    return h >>> 0
  }
  return (
    fin(h1).toString(16).padStart(8, '0') +
    fin(h2 ^ h1)
      .toString(16)
      .padStart(8, '0')
  )
}

/**
 * Canonical text of a volume geometry (dims, spacing, origin, direction; rounded). Only geometry enters:
 * never pixel data, never patient data, so a plan that stores the fingerprint reveals nothing about the
 * patient.
 */
export function geometryCanonicalText(geometry: VolumeGeometry): string {
  const dims = geometry.dims.join(',')
  const sp = geometry.spacingMm.map((v) => fixed(v, SPACING_DECIMALS)).join(',')
  const or = geometry.originMm.map((v) => fixed(v, ORIGIN_DECIMALS)).join(',')
  const dir = geometry.direction
    .map((axis) => axis.map((v) => fixed(v, DIRECTION_DECIMALS)).join(','))
    .join(';')
  return `dims=${dims}|spacing=${sp}|origin=${or}|direction=${dir}`
}

/**
 * Fingerprint of a loaded scan's geometry, `g1-` + 16 hex digits. Two scans with the same grid (to the
 * rounding above) share a fingerprint, so a plan drawn on one can be checked against the other. Values that
 * sit exactly on a rounding boundary may hash apart after tiny float noise; that errs towards "different".
 */
export function geometryFingerprint(geometry: VolumeGeometry): string {
  return `g1-${hash64(geometryCanonicalText(geometry))}`
}
