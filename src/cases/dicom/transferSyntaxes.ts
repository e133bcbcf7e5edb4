/**
 * Transfer syntaxes (PS3.5 §10 and Annex A; PS3.6 Table A-1) and whether the app can display them. "Supported"
 * means Cornerstone3D 5.14's dicom-image-loader decodes it: the `switch` in
 * `@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js` (`decodeImageFrame`), checked
 * against the installed package. Everything else is refused before loading, with this list in the message.
 * (Uncompressed little-endian frames and DCT JPEG, .51/.53/.55, are decoded by our own code instead:
 * nativeFrame.ts, rawFrameView.ts and jpeg/, see jpegFrame.ts for why.)
 */

/** One transfer syntax. */
export interface TransferSyntaxInfo {
  readonly uid: string
  /** Plain-words name shown to users. */
  readonly name: string
  /** Cornerstone3D 5.14 decodes its pixel data. */
  readonly supported: boolean
  /** Dataset body is big endian. */
  readonly bigEndian: boolean
  /** Dataset uses Implicit VR. */
  readonly implicitVr: boolean
  /** Dataset body is deflate-compressed after the file meta group. */
  readonly deflated: boolean
}

const rows: ReadonlyArray<readonly [string, string, boolean]> = [
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian (uncompressed)', true],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian (uncompressed)', true],
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', true],
  ['1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', true],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian (uncompressed, retired)', true],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', true],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', true],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (8-bit, lossy)', true],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (12-bit, lossy)', true],
  ['1.2.840.10008.1.2.4.52', 'JPEG Extended, processes 3 & 5 (retired)', false],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection, processes 6 & 8 (retired)', true],
  ['1.2.840.10008.1.2.4.54', 'JPEG Spectral Selection, processes 7 & 9 (retired)', false],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression, processes 10 & 12 (retired)', true],
  ['1.2.840.10008.1.2.4.56', 'JPEG Full Progression, processes 11 & 13 (retired)', false],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, process 14', true],
  ['1.2.840.10008.1.2.4.58', 'JPEG Lossless, process 15 (retired)', false],
  ['1.2.840.10008.1.2.4.59', 'JPEG Extended Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.60', 'JPEG Extended Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.61', 'JPEG Spectral Selection Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.62', 'JPEG Spectral Selection Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.63', 'JPEG Full Progression Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.64', 'JPEG Full Progression Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.65', 'JPEG Lossless Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.66', 'JPEG Lossless Hierarchical (retired)', false],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless, first-order prediction (SV1)', true],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', true],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless', true],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 (lossless only)', true],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000', true],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 multi-component (lossless only)', false],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 multi-component', false],
  ['1.2.840.10008.1.2.4.94', 'JPIP referenced', false],
  ['1.2.840.10008.1.2.4.95', 'JPIP referenced, deflate', false],
  ['1.2.840.10008.1.2.4.100', 'MPEG-2 video', false],
  ['1.2.840.10008.1.2.4.101', 'MPEG-2 video (high level)', false],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 video', false],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible video', false],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 2D video', false],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 3D video', false],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 stereo video', false],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 video', false],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 10-bit video', false],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', true],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', true],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', true],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (lossless only)', true],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL (lossless only)', true],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', true],
  ['1.2.840.10008.1.2.6.1', 'RFC 2557 MIME encapsulation (retired)', false],
]

/** All known transfer syntaxes, with support status. */
export const TRANSFER_SYNTAXES: readonly TransferSyntaxInfo[] = rows.map(
  ([uid, name, supported]) => ({
    uid,
    name,
    supported,
    bigEndian: uid === '1.2.840.10008.1.2.2',
    implicitVr: uid === '1.2.840.10008.1.2',
    deflated: uid === '1.2.840.10008.1.2.1.99',
  }),
)

const byUid = new Map(TRANSFER_SYNTAXES.map((t) => [t.uid, t]))

/** Looks up a transfer syntax; `undefined` for private or unknown UIDs. */
export const transferSyntaxInfo = (uid: string): TransferSyntaxInfo | undefined => byUid.get(uid)

/** Names of the supported transfer syntaxes, for messages. */
export const SUPPORTED_TRANSFER_SYNTAX_NAMES: readonly string[] = TRANSFER_SYNTAXES.filter(
  (t) => t.supported,
).map((t) => t.name)

/** One-line summary of what the viewer decodes, for messages (the full list is `TRANSFER_SYNTAXES`). */
export const SUPPORTED_TRANSFER_SYNTAX_SUMMARY =
  'uncompressed (little or big endian, also deflated), RLE, JPEG (baseline, extended, lossless), ' +
  'JPEG-LS, JPEG 2000, High-Throughput JPEG 2000 and JPEG XL'
