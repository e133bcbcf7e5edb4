/** The part of dcmjs (no bundled types) that the browser flows use to craft test files in Node. */
declare module 'dcmjs' {
  interface DicomDictInstance {
    dict: Record<string, unknown>
    write(): ArrayBuffer
  }
  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer): DicomDictInstance }
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown>
        denaturalizeDataset(dataset: object): Record<string, unknown>
      }
    }
  }
  export default dcmjs
}
