/** The volume rendering's transfer function (pure data; only a type from Cornerstone). */
import type { Types } from '@cornerstonejs/core'

/**
 * Our bone transfer function, in Cornerstone's preset format (value/opacity and value/r/g/b lists in HU).
 * Cornerstone's 'CT-Bone' starts its opacity ramp at −16 HU, so every soft-tissue sample adds a little
 * red haze and a torso looks like a red block. Here everything below 150 HU (fat, muscle, blood, marrow
 * fat, lytic tumour; ANATOMY.md §6) is fully transparent; opacity rises through trabecular bone
 * (≈ 150–400 HU) to cortex (≥ 700 HU), coloured from ivory to white. Gradient opacity keeps surfaces.
 */
export const VR_PRESET: Types.ViewportPreset = {
  name: 'OsteoPlan-Bone',
  gradientOpacity: '4 0 1 255 1',
  specularPower: '10',
  scalarOpacity: '12 -3024 0 150 0 250 0.08 400 0.35 800 0.75 3071 0.85',
  specular: '0.2',
  shade: '1',
  ambient: '0.2',
  colorTransfer: '20 -3024 0 0 0 150 0.55 0.3 0.2 300 0.85 0.72 0.55 700 0.96 0.92 0.84 3071 1 1 1',
  diffuse: '0.9',
  interpolation: '1',
}

/** Opacity of a preset at a value (piecewise linear between its points), for tests and readouts. */
export function presetOpacity(preset: Types.ViewportPreset, value: number): number {
  const n = preset.scalarOpacity.split(' ').slice(1).map(Number)
  for (let i = 0; i + 3 < n.length; i += 2) {
    const [x0, y0, x1, y1] = [n[i]!, n[i + 1]!, n[i + 2]!, n[i + 3]!]
    if (value >= x0 && value <= x1) return y0 + ((value - x0) / (x1 - x0 || 1)) * (y1 - y0)
  }
  return value < n[0]! ? n[1]! : n[n.length - 1]!
}
