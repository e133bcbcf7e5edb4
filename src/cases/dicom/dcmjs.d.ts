/**
 * The small part of dcmjs 0.52 (which ships no type declarations) that src/cases/dicom uses: writing a
 * naturalized dataset as a Part-10 file, and its sRGB → DICOM CIELab conversion.
 */
declare module 'dcmjs' {
  /** A dataset keyed by 8-hex-digit tags, as dcmjs's writer expects it. */
  type DenaturalizedDataset = Record<string, unknown>

  interface DicomDictInstance {
    dict: DenaturalizedDataset
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer
  }

  interface DcmjsData {
    DicomDict: new (meta: DenaturalizedDataset) => DicomDictInstance
    DicomMetaDictionary: { denaturalizeDataset(dataset: object): DenaturalizedDataset }
    Colors: { rgb82DICOMLAB(rgb: ArrayLike<number>): number[] }
  }

  const dcmjs: { data: DcmjsData }
  export default dcmjs
}
