/**
 * Unpacks a ZIP archive of DICOM files in memory (fflate, pure JS): skips folders and operating-system
 * clutter with a note, refuses archives that would unpack to more than the memory budget before inflating
 * anything (sizes come from the central directory), and returns each remaining file's bytes.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate'
import { dicomProblem, formatBytes, quoteName, type DicomProblem } from './dicomProblem'

/** Largest total unpacked size accepted, bytes (what a browser tab can reasonably hold). */
export const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3
/** Largest number of entries accepted in one archive. */
export const MAX_ZIP_ENTRIES = 50000

/** The files found in an archive, plus notes on what was skipped. */
export interface UnzippedFiles {
  readonly kind: 'files'
  readonly files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>
  readonly notes: readonly string[]
}

/** Limits (defaults: the constants above). */
export interface UnzipLimits {
  readonly maxTotalBytes?: number
  readonly maxEntries?: number
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

/** Why an entry is skipped, or `null` to keep it. */
function skipReason(f: UnzipFileInfo): string | null {
  const base = baseName(f.name)
  if (f.name.endsWith('/')) return null
  if (f.name.startsWith('__MACOSX/') || f.name.includes('/__MACOSX/') || base.startsWith('._')) {
    return 'macOS resource file'
  }
  if (['.DS_Store', 'Thumbs.db', 'desktop.ini'].includes(base)) return 'operating-system clutter'
  if (base.toUpperCase() === 'DICOMDIR') return 'DICOMDIR index (the images are read directly)'
  if (/\.zip$/i.test(base)) return 'a ZIP inside the ZIP (unpack it and add it separately)'
  if (f.compression !== 0 && f.compression !== 8) {
    return `compressed with method ${f.compression}, which the browser cannot unpack (re-zip with standard “deflate”)`
  }
  return null
}

/** Unpacks `bytes`; a `DicomProblem` when it is not a readable archive, too large, or holds no files. */
export function unzipDicom(
  bytes: Uint8Array,
  fileName?: string,
  limits: UnzipLimits = {},
): UnzippedFiles | DicomProblem {
  const q = quoteName(fileName)
  const maxBytes = limits.maxTotalBytes ?? MAX_UNZIPPED_BYTES
  const maxEntries = limits.maxEntries ?? MAX_ZIP_ENTRIES
  const entries: UnzipFileInfo[] = []
  try {
    // First pass reads only the directory: the filter records every entry and extracts none.
    unzipSync(bytes, {
      filter: (f) => {
        entries.push(f)
        return false
      },
    })
  } catch (e) {
    return dicomProblem(
      'zipCorrupt',
      `${q} is not a readable ZIP archive (${e instanceof Error ? e.message : String(e)}).`,
      fileName,
    )
  }
  const notes: string[] = []
  const wanted = new Set<string>()
  let total = 0
  let skippedFolders = 0
  for (const f of entries) {
    if (f.name.endsWith('/')) {
      skippedFolders++
      continue
    }
    const why = skipReason(f)
    if (why) {
      notes.push(`Skipped “${f.name}”: ${why}.`)
      continue
    }
    wanted.add(f.name)
    total += f.originalSize
  }
  if (skippedFolders > 0) {
    notes.push(
      `${skippedFolders} folder entr${skippedFolders === 1 ? 'y' : 'ies'} ignored (files inside are kept).`,
    )
  }
  if (wanted.size > maxEntries) {
    return dicomProblem(
      'zipTooLarge',
      `${q} holds ${wanted.size} files, more than the ${maxEntries} the app accepts at once.`,
      fileName,
    )
  }
  if (total > maxBytes) {
    return dicomProblem(
      'zipTooLarge',
      `${q} would unpack to ${formatBytes(total)}, more than the ${formatBytes(maxBytes)} the browser can hold. ` +
        'Unpack it on the computer and add only the CT series you need.',
      fileName,
    )
  }
  if (wanted.size === 0) {
    return dicomProblem('zipEmpty', `${q} contains no files that could be DICOM images.`, fileName)
  }
  let unpacked: Record<string, Uint8Array>
  try {
    unpacked = unzipSync(bytes, { filter: (f) => wanted.has(f.name) })
  } catch (e) {
    return dicomProblem(
      'zipCorrupt',
      `${q} could not be unpacked (${e instanceof Error ? e.message : String(e)}); it may be damaged or password-protected.`,
      fileName,
    )
  }
  const files = Object.entries(unpacked)
    .filter(([name]) => wanted.has(name))
    .map(([name, data]) => ({ name, bytes: data }))
  return { kind: 'files', files, notes }
}
