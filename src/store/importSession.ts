/**
 * The data of an import in progress (file bytes, parsed headers, discovered series), kept out of the store
 * because it is large and not serialisable. One session at a time.
 */
import type { DiscoveryResult, ParsedInstance } from '../cases/dicom'

/** A file's name and bytes. */
export interface InputFile {
  readonly name: string
  bytes: Uint8Array
}

/** The current import session. */
export interface ImportSession {
  readonly id: number
  readonly files: InputFile[]
  discovery: DiscoveryResult | null
  /**
   * The parsed header of `files[n]` (null when it is not a usable instance), kept so that decoding reads
   * pixels at the offsets found then instead of parsing every file again.
   */
  headers: (ParsedInstance | null)[]
  chosen: number | null
  abort: AbortController
}

let current: ImportSession | null = null
let serial = 0

/** Starts a new session (dropping any previous one). */
export function beginSession(files: InputFile[]): ImportSession {
  current?.abort.abort()
  current = {
    id: ++serial,
    files,
    discovery: null,
    headers: [],
    chosen: null,
    abort: new AbortController(),
  }
  return current
}

/** The current session, if it is still `id`. */
export const sessionIf = (id: number): ImportSession | null => (current?.id === id ? current : null)

/** The current session. */
export const currentSession = (): ImportSession | null => current

/** Ends the session, freeing its memory. */
export function endSession(): void {
  current?.abort.abort()
  current = null
}
