/** Plain-words sentences for trajectory findings. */

/** A length for a sentence: one decimal below 10 mm, whole millimetres above ("2.1", "8", "62"). */
export function formatMm(v: number): string {
  const a = Math.abs(v)
  const s = a < 10 ? (Math.round(v * 10) / 10).toFixed(1) : Math.round(v).toFixed(0)
  return s.endsWith('.0') ? s.slice(0, -2) : s
}

/** A structure name inside a sentence: "Spinal cord" → "spinal cord", "Thecal sac (CSF)" → "thecal sac (CSF)". */
export function inSentence(name: string): string {
  const second = name.charAt(1)
  return second !== '' && second === second.toLowerCase()
    ? name.charAt(0).toLowerCase() + name.slice(1)
    : name
}

/** "The path crosses the spinal cord for 8 mm at 62 mm depth — critical." */
export function crossingText(
  name: string,
  lengthMm: number,
  depthMm: number,
  severity: 'warning' | 'critical',
): string {
  const tail = severity === 'critical' ? 'critical' : 'caution'
  return `The path crosses the ${inSentence(name)} for ${formatMm(lengthMm)} mm at ${formatMm(depthMm)} mm depth — ${tail}.`
}

/** "The path passes 2.1 mm from the nerve root (closest at 45 mm depth)." */
export function nearMissText(name: string, distanceMm: number, depthMm: number): string {
  if (distanceMm <= 0) {
    return `The needle wall touches the ${inSentence(name)} at ${formatMm(depthMm)} mm depth — critical.`
  }
  return `The path passes ${formatMm(distanceMm)} mm from the ${inSentence(name)} (closest at ${formatMm(depthMm)} mm depth).`
}

/** "Medial pedicle cortex breach: the trocar leaves bone into the epidural space at 45 mm depth — critical." */
export function breachText(side: 'medial' | 'inferior', name: string, depthMm: number): string {
  const Side = side === 'medial' ? 'Medial' : 'Inferior'
  return `${Side} pedicle cortex breach: the trocar leaves bone into the ${inSentence(name)} at ${formatMm(depthMm)} mm depth — critical.`
}
