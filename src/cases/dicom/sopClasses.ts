/**
 * SOP classes (PS3.4 Annex B.5 and PS3.6 Table A-1) grouped by what the app can do with them: CT images load,
 * other images load with a warning, segmentations and secondary captures are set aside, and non-image
 * objects (reports, presentation states, RT plans …) are refused with a plain-words name.
 */

/** What an object is, from the app's point of view. */
export type ObjectKind =
  'ctImage' | 'enhancedCtImage' | 'image' | 'secondaryCapture' | 'segmentation' | 'nonImage'

/** Classification of one SOP class. */
export interface SopClassInfo {
  readonly kind: ObjectKind
  /** Plain-words name, used in messages ("a DICOM Structured Report"). */
  readonly name: string
}

const exact: Record<string, SopClassInfo> = {
  '1.2.840.10008.5.1.4.1.1.2': { kind: 'ctImage', name: 'a CT image' },
  '1.2.840.10008.5.1.4.1.1.2.1': { kind: 'enhancedCtImage', name: 'an Enhanced CT image' },
  '1.2.840.10008.5.1.4.1.1.2.2': {
    kind: 'enhancedCtImage',
    name: 'a Legacy Converted Enhanced CT image',
  },
  '1.2.840.10008.5.1.4.1.1.4': { kind: 'image', name: 'an MR image' },
  '1.2.840.10008.5.1.4.1.1.4.1': { kind: 'image', name: 'an Enhanced MR image' },
  '1.2.840.10008.5.1.4.1.1.128': { kind: 'image', name: 'a PET image' },
  '1.2.840.10008.5.1.4.1.1.20': { kind: 'image', name: 'a nuclear medicine image' },
  '1.2.840.10008.5.1.4.1.1.1': { kind: 'image', name: 'a computed radiography image' },
  '1.2.840.10008.5.1.4.1.1.1.1': { kind: 'image', name: 'a digital X-ray image' },
  '1.2.840.10008.5.1.4.1.1.12.1': { kind: 'image', name: 'an X-ray angiography image' },
  '1.2.840.10008.5.1.4.1.1.6.1': { kind: 'image', name: 'an ultrasound image' },
  '1.2.840.10008.5.1.4.1.1.3.1': { kind: 'image', name: 'an ultrasound cine loop' },
  '1.2.840.10008.5.1.4.1.1.481.1': { kind: 'image', name: 'an RT (portal) image' },
  '1.2.840.10008.5.1.4.1.1.7': {
    kind: 'secondaryCapture',
    name: 'a secondary capture (screenshot)',
  },
  '1.2.840.10008.5.1.4.1.1.7.1': {
    kind: 'secondaryCapture',
    name: 'a secondary capture (screenshot)',
  },
  '1.2.840.10008.5.1.4.1.1.7.2': {
    kind: 'secondaryCapture',
    name: 'a secondary capture (screenshot)',
  },
  '1.2.840.10008.5.1.4.1.1.7.3': {
    kind: 'secondaryCapture',
    name: 'a secondary capture (screenshot)',
  },
  '1.2.840.10008.5.1.4.1.1.7.4': {
    kind: 'secondaryCapture',
    name: 'a secondary capture (screenshot)',
  },
  '1.2.840.10008.5.1.4.1.1.66.4': { kind: 'segmentation', name: 'a DICOM segmentation (SEG)' },
  '1.2.840.10008.5.1.4.1.1.481.2': { kind: 'nonImage', name: 'an RT Dose grid' },
  '1.2.840.10008.5.1.4.1.1.481.3': { kind: 'nonImage', name: 'an RT Structure Set (contours)' },
  '1.2.840.10008.5.1.4.1.1.481.5': { kind: 'nonImage', name: 'an RT Plan' },
  '1.2.840.10008.5.1.4.1.1.88.59': { kind: 'nonImage', name: 'a Key Object Selection note' },
  '1.2.840.10008.5.1.4.1.1.104.1': { kind: 'nonImage', name: 'a PDF document wrapped in DICOM' },
  '1.2.840.10008.5.1.4.1.1.104.2': { kind: 'nonImage', name: 'a CDA document wrapped in DICOM' },
  '1.2.840.10008.5.1.4.1.1.104.3': { kind: 'nonImage', name: 'an STL model wrapped in DICOM' },
  '1.2.840.10008.5.1.4.1.1.66': { kind: 'nonImage', name: 'a raw-data object' },
  '1.2.840.10008.5.1.4.1.1.66.1': { kind: 'nonImage', name: 'a spatial registration' },
  '1.2.840.10008.5.1.4.1.1.66.2': { kind: 'nonImage', name: 'a spatial fiducials object' },
  '1.2.840.10008.5.1.4.1.1.66.3': { kind: 'nonImage', name: 'a deformable registration' },
  '1.2.840.10008.5.1.4.1.1.66.5': { kind: 'nonImage', name: 'a surface segmentation' },
  '1.2.840.10008.1.3.10': { kind: 'nonImage', name: 'a DICOMDIR (media index)' },
}

const prefixes: ReadonlyArray<readonly [string, SopClassInfo]> = [
  [
    '1.2.840.10008.5.1.4.1.1.88.',
    { kind: 'nonImage', name: 'a DICOM Structured Report (text and measurements)' },
  ],
  [
    '1.2.840.10008.5.1.4.1.1.11.',
    { kind: 'nonImage', name: 'a presentation state (display settings)' },
  ],
  ['1.2.840.10008.5.1.4.1.1.9.', { kind: 'nonImage', name: 'a waveform (ECG or similar)' }],
  ['1.2.840.10008.5.1.4.1.1.481.', { kind: 'nonImage', name: 'a radiotherapy object' }],
]

/**
 * Classifies a SOP Class UID. Unknown classes count as images when `hasPixelData` (so vendors' private
 * image classes still load), otherwise as non-image objects.
 */
export function classifySopClass(uid: string, hasPixelData: boolean): SopClassInfo {
  const hit = exact[uid]
  if (hit) return hit
  for (const [prefix, info] of prefixes) if (uid.startsWith(prefix)) return info
  return hasPixelData
    ? { kind: 'image', name: `an image of an unrecognised type (SOP Class ${uid || 'missing'})` }
    : { kind: 'nonImage', name: `a DICOM object without an image (SOP Class ${uid || 'missing'})` }
}
