/** A file the app cannot use, with a machine-readable code and a message written for the user. */

/** Why a file (or archive) cannot be used. */
export type DicomProblemCode =
  | 'emptyFile'
  | 'truncated'
  | 'notDicom'
  | 'jpegFile'
  | 'pngFile'
  | 'otherFileType'
  | 'zipArchive'
  | 'missingPixelData'
  | 'absurdDimensions'
  | 'unsupportedTransferSyntax'
  | 'nonImageObject'
  | 'unreadable'
  | 'zipCorrupt'
  | 'zipTooLarge'
  | 'zipEmpty'

/** A problem with one input. */
export interface DicomProblem {
  readonly kind: 'problem'
  readonly code: DicomProblemCode
  /** One or two plain sentences: what is wrong and what the user can do. */
  readonly message: string
  readonly fileName?: string
  /** Technical detail for logs and bug reports (parser error text); never shown as the message. */
  readonly detail?: string
}

/** Builds a problem; `fileName` is quoted into messages by the callers. */
export const dicomProblem = (
  code: DicomProblemCode,
  message: string,
  fileName?: string,
  detail?: string,
): DicomProblem => ({
  kind: 'problem',
  code,
  message,
  ...(fileName === undefined ? {} : { fileName }),
  ...(detail === undefined ? {} : { detail }),
})

/** “name” for messages, or “This file” when unnamed. */
export const quoteName = (fileName: string | undefined): string =>
  fileName ? `“${fileName}”` : 'This file'

/** Type guard. */
export const isDicomProblem = (x: unknown): x is DicomProblem =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'problem'

/** Human-readable byte count (“1.4 MB”). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}
