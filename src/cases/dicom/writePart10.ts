/**
 * Serialises a naturalized dataset (attribute keywords → values, dcmjs style) into a DICOM Part-10 file
 * with dcmjs's writer and data dictionary. Pure: no Node or DOM APIs, so it also runs in workers.
 */
import dcmjs from 'dcmjs'
import {
  OSTEOPLAN_IMPLEMENTATION_CLASS_UID,
  OSTEOPLAN_IMPLEMENTATION_VERSION,
} from './implementationUid'

/** A value in a naturalized dataset: strings for text VRs (DS/IS pre-formatted), numbers for binary VRs. */
export type NaturalValue =
  | string
  | number
  | ReadonlyArray<string | number>
  | ArrayBuffer
  | readonly ArrayBuffer[]
  | readonly NaturalDataset[]

/** A naturalized dataset; `_vrMap` overrides the dictionary VR (e.g. `{ PixelData: 'OW' }`). */
export interface NaturalDataset {
  readonly [keyword: string]: NaturalValue | Readonly<Record<string, string>> | undefined
}

/** Explicit VR Little Endian (PS3.5 §A.2). */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1'

/**
 * Writes `dataset` as a Part-10 file: 128-byte zero preamble, `DICM`, the file meta information group
 * (PS3.10 §7.1) and the dataset in Explicit VR Little Endian.
 */
export function writePart10(
  dataset: NaturalDataset,
  meta: { readonly sopClassUid: string; readonly sopInstanceUid: string },
): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data
  const fileMeta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: meta.sopClassUid,
    MediaStorageSOPInstanceUID: meta.sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: OSTEOPLAN_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: OSTEOPLAN_IMPLEMENTATION_VERSION,
  }
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(fileMeta))
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset)
  return new Uint8Array(dict.write())
}

/** 8-bit sRGB hex colour (`#rrggbb`) → DICOM CIELab triplet (PS3.3 §C.10.7.1.1), via dcmjs `Colors`. */
export function srgbHexToDicomLab(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) throw new Error(`srgbHexToDicomLab: "${hex}" is not a #rrggbb colour`)
  const rgb = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16))
  const [l, a, b] = dcmjs.data.Colors.rgb82DICOMLAB(rgb)
  return [l ?? 0, a ?? 0, b ?? 0]
}
