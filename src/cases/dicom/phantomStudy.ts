/**
 * Attributes shared by every object OsteoPlan exports for a phantom case (CT slices and the SEG): the
 * Patient, General Study, Frame of Reference and equipment modules, filled so that the files carry no
 * PS3.15 Annex E identifying value.
 *
 * Decisions (PS3.15 Table E.1-1, Basic Application Level Confidentiality Profile):
 * - Type-2 identification attributes (Patient's Name and ID, Birth Date, Sex, Referring Physician, Study ID,
 *   Accession Number, Study Date and Time) are present with zero length, as the CT and SEG IODs require.
 * - No other date or time is written on CT slices. Content Date/Time, which the SEG IOD requires with a
 *   value (Multi-frame Functional Groups module, type 1), get the fixed dummy `SYNTHETIC_CONTENT_DATE` /
 *   `SYNTHETIC_CONTENT_TIME`: it dates no event and identifies nobody, and keeps exports byte-reproducible.
 * - Device Serial Number, type 1 in the SEG's Enhanced General Equipment module, is the dummy
 *   `PHANTOM_DEVICE_SERIAL_NUMBER`; CT slices omit it (type 3 there).
 * - Patient Identity Removed = YES with a De-identification Method that says the data never came from a
 *   patient. UIDs are deterministic `2.25.` UIDs derived from the case id and seed (deterministicUid.ts).
 */
import type { NaturalDataset } from './writePart10'

/** Study Description on every exported object (the brief's wording). */
export const PHANTOM_STUDY_DESCRIPTION = 'OsteoPlan teaching phantom — not a patient'
/** De-identification Method (LO, ≤ 64 characters). */
export const PHANTOM_DEIDENTIFICATION_METHOD =
  'Synthetic OsteoPlan phantom: never contained patient data'
/** Manufacturer (General Equipment module). */
export const PHANTOM_MANUFACTURER = 'OsteoPlan'
/** Manufacturer's Model Name. */
export const PHANTOM_MODEL_NAME = 'OsteoPlan phantom generator'
/** Software Versions. */
export const PHANTOM_SOFTWARE_VERSION = 'OsteoPlan 0.1'
/** Fixed dummy Content Date for objects whose IOD requires one (see the module header). */
export const SYNTHETIC_CONTENT_DATE = '20000101'
/** Fixed dummy Content Time, paired with `SYNTHETIC_CONTENT_DATE`. */
export const SYNTHETIC_CONTENT_TIME = '000000'
/** Dummy Device Serial Number for objects whose IOD requires one (see the module header). */
export const PHANTOM_DEVICE_SERIAL_NUMBER = 'NONE'
/** Character set of every exported object: UTF-8 (ISO_IR 192), needed for the em dash above. */
export const PHANTOM_CHARACTER_SET = 'ISO_IR 192'

/** Patient, study, frame-of-reference and equipment attributes common to the CT series and the SEG. */
export function phantomStudyAttributes(p: {
  readonly studyInstanceUid: string
  readonly frameOfReferenceUid: string
  readonly bodyPartExamined: string
}): NaturalDataset {
  return {
    SpecificCharacterSet: PHANTOM_CHARACTER_SET,
    StudyDate: '',
    StudyTime: '',
    AccessionNumber: '',
    Manufacturer: PHANTOM_MANUFACTURER,
    ReferringPhysicianName: '',
    StudyDescription: PHANTOM_STUDY_DESCRIPTION,
    ManufacturerModelName: PHANTOM_MODEL_NAME,
    PatientName: '',
    PatientID: '',
    PatientBirthDate: '',
    PatientSex: '',
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: PHANTOM_DEIDENTIFICATION_METHOD,
    BodyPartExamined: p.bodyPartExamined,
    SoftwareVersions: PHANTOM_SOFTWARE_VERSION,
    StudyInstanceUID: p.studyInstanceUid,
    StudyID: '',
    FrameOfReferenceUID: p.frameOfReferenceUid,
    PositionReferenceIndicator: '',
  }
}
