/**
 * The DICOMweb source (issue #4): lists a server's series with QIDO-RS and retrieves one series' instances
 * as Part-10 bytes with WADO-RS (`application/dicom`), which then go through the same `importFiles`
 * pipeline as local files (discovery, PHI guard, decoding, resampling). Only GET requests are made, and
 * only to the server the user typed; nothing is ever sent to it.
 */
import { api } from 'dicomweb-client'
import type { InputFile } from './importSession'

/** One series on a DICOMweb server, as the browser lists it (no patient attributes are kept). */
export interface DicomWebSeries {
  readonly studyUid: string
  readonly seriesUid: string
  readonly studyDescription: string
  readonly description: string
  readonly modality: string
  readonly seriesNumber: number | null
  /** NumberOfSeriesRelatedInstances, when the server reports it. */
  readonly instanceCount: number | null
}

/** An error whose message is ready to show to the user. */
export class DicomWebError extends Error {
  override readonly name = 'DicomWebError'
}

/** Studies listed at most per connection (QIDO `limit`), to keep a large archive's listing quick. */
export const MAX_STUDIES = 100

/** Parallel WADO-RS requests while retrieving a series (a browser's per-host connection limit). */
export const RETRIEVE_CONCURRENCY = 6

/**
 * The DICOMweb root typed by the user, trimmed and without a trailing slash; throws a `DicomWebError` if it
 * is not an http(s) URL.
 */
export function normaliseDicomWebUrl(text: string): string {
  const t = text.trim().replace(/\/+$/, '')
  let u: URL
  try {
    u = new URL(t)
  } catch {
    throw new DicomWebError(
      `“${text.trim()}” is not a URL. Enter the server's DICOMweb root, e.g. http://localhost:8042/dicom-web`,
    )
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new DicomWebError(
      `A DICOMweb URL must start with http:// or https:// (got ${u.protocol})`,
    )
  }
  return t
}

const statusOf = (e: unknown): number | null => {
  if (typeof e !== 'object' || e === null || !('status' in e)) return null
  const s = e.status
  return typeof s === 'number' ? s : null
}

/** A user-facing message for a failed request `what` (e.g. "the study list") to the server at `url`. */
export function describeDicomWebError(e: unknown, url: string, what: string): string {
  if (e instanceof DicomWebError) return e.message
  const status = statusOf(e)
  if (status === 0) {
    return (
      `Could not reach the DICOMweb server at ${url} while asking for ${what}. Check the address and ` +
      `that the server is running; a browser can also only read servers that allow cross-origin requests ` +
      `(CORS) from this page.`
    )
  }
  if (status === 404) {
    return (
      `The server at ${url} answered 404 Not Found for ${what}: check the DICOMweb root ` +
      `(it often ends in /dicom-web or /dicomweb) and that the series still exists.`
    )
  }
  if (status === 401 || status === 403) {
    return `The server at ${url} refused access (${status}) to ${what}; this app does not send credentials.`
  }
  if (status !== null) return `The DICOMweb server at ${url} answered HTTP ${status} for ${what}.`
  return `The request to ${url} for ${what} failed: ${e instanceof Error ? e.message : String(e)}`
}

/** A DICOM JSON attribute's first value, by 8-hex-digit tag. */
type DicomJson = Record<string, { Value?: unknown[] } | undefined>

const first = (ds: DicomJson, tag: string): unknown => ds[tag]?.Value?.[0]
const text = (ds: DicomJson, tag: string): string => {
  const v = first(ds, tag)
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : ''
}
const num = (ds: DicomJson, tag: string): number | null => {
  const v = Number(first(ds, tag))
  return first(ds, tag) === undefined || !Number.isFinite(v) ? null : v
}

const notDicomWeb = (url: string, what: string): DicomWebError =>
  new DicomWebError(
    `The server at ${url} did not answer ${what} with DICOM JSON: it does not look like a DICOMweb ` +
      `(QIDO-RS) root. Check the address (it often ends in /dicom-web or /dicomweb).`,
  )

/** Checks a QIDO answer is a list of DICOM JSON datasets. */
function asDatasets(x: unknown, url: string, what: string): DicomJson[] {
  if (!Array.isArray(x)) throw notDicomWeb(url, what)
  for (const d of x) if (typeof d !== 'object' || d === null) throw notDicomWeb(url, what)
  return x as DicomJson[]
}

/** A QIDO-RS series result as a listing row; `studyDescription` comes from the study search. */
export function seriesFromQido(ds: DicomJson, studyDescription: string): DicomWebSeries | null {
  const studyUid = text(ds, '0020000D')
  const seriesUid = text(ds, '0020000E')
  if (!studyUid || !seriesUid) return null
  return {
    studyUid,
    seriesUid,
    studyDescription,
    description: text(ds, '0008103E'),
    modality: text(ds, '00080060'),
    seriesNumber: num(ds, '00200011'),
    instanceCount: num(ds, '00201209'),
  }
}

/**
 * WADO-RS instance retrieval with the library's default Accept (`multipart/related;
 * type="application/dicom"`). Its typings make `mediaTypes` mandatory, but passing any list trips a bug in
 * 0.11.3 (`_getCommonMediaType` yields "application/", which never equals "application/dicom", so the call
 * throws); leaving it out is the path that works. The server may then send Explicit VR Little Endian,
 * which our decoder reads like every other transfer syntax.
 */
type RetrieveOptions = Parameters<api.DICOMwebClient['retrieveInstance']>[0]
const retrieveOptions = (s: DicomWebSeries, uid: string, xhr: XMLHttpRequest): RetrieveOptions =>
  ({
    studyInstanceUID: s.studyUid,
    seriesInstanceUID: s.seriesUid,
    sopInstanceUID: uid,
    request: { instance: xhr },
  }) as RetrieveOptions

/**
 * dicomweb-client's typings declare the QIDO searches as returning arrays; they return promises
 * (build/dicomweb-client.es.js, `searchForStudies`). This awaits either honestly.
 */
const settle = (x: unknown): Promise<unknown> => Promise.resolve(x)

const cancelled = (): DicomWebError =>
  new DicomWebError('Loading from the DICOMweb server was cancelled.')

const makeClient = (url: string): api.DICOMwebClient =>
  new api.DICOMwebClient({ url, verbose: false, singlepart: false })

/**
 * Lists the series of the first `MAX_STUDIES` studies at the DICOMweb root `url`, CT first, then by study
 * and series number. Throws a `DicomWebError` with a readable message on any failure.
 */
export async function listDicomWebSeries(url: string): Promise<DicomWebSeries[]> {
  const root = normaliseDicomWebUrl(url)
  const client = makeClient(root)
  let studies: DicomJson[]
  try {
    const answer = await settle(
      client.searchForStudies({
        queryParams: { limit: String(MAX_STUDIES) },
      }),
    )
    studies = asDatasets(answer, root, 'the study list')
  } catch (e) {
    throw new DicomWebError(describeDicomWebError(e, root, 'the study list'))
  }
  const out: DicomWebSeries[] = []
  for (const study of studies) {
    const studyUid = text(study, '0020000D')
    if (!studyUid) continue
    let series: DicomJson[]
    try {
      const answer = await settle(client.searchForSeries({ studyInstanceUID: studyUid }))
      series = asDatasets(answer, root, 'a study’s series')
    } catch (e) {
      throw new DicomWebError(describeDicomWebError(e, root, 'a study’s series'))
    }
    for (const s of series) {
      const row = seriesFromQido(s, text(study, '00081030'))
      if (row) out.push(row)
    }
  }
  return out.sort(
    (a, b) =>
      Number(b.modality === 'CT') - Number(a.modality === 'CT') ||
      a.studyUid.localeCompare(b.studyUid) ||
      (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0),
  )
}

const bytesOf = (answer: unknown): Uint8Array | null => {
  const x = Array.isArray(answer) ? (answer as unknown[])[0] : answer
  return x instanceof ArrayBuffer ? new Uint8Array(x) : null
}

/** The SOP Instance UIDs of a series (QIDO-RS instance search). */
async function instanceUids(
  client: api.DICOMwebClient,
  root: string,
  s: DicomWebSeries,
): Promise<string[]> {
  try {
    const answer = await settle(
      client.searchForInstances({ studyInstanceUID: s.studyUid, seriesInstanceUID: s.seriesUid }),
    )
    const uids = asDatasets(answer, root, 'the series’ instances')
      .map((d) => text(d, '00080018'))
      .filter(Boolean)
    if (uids.length === 0) {
      throw new DicomWebError(`The server at ${root} lists no instances in this series.`)
    }
    return uids
  } catch (e) {
    throw new DicomWebError(describeDicomWebError(e, root, 'the series’ instances'))
  }
}

/**
 * Retrieves every instance of series `s` from the DICOMweb root `url` as Part-10 files (WADO-RS,
 * `application/dicom`), `RETRIEVE_CONCURRENCY` at a time, reporting instances done. Aborting `signal`
 * cancels the requests in flight and rejects.
 */
export async function retrieveDicomWebSeries(
  url: string,
  s: DicomWebSeries,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<InputFile[]> {
  const root = normaliseDicomWebUrl(url)
  const client = makeClient(root)
  const uids = await instanceUids(client, root, s)
  const files: InputFile[] = new Array<InputFile>(uids.length)
  const inFlight = new Set<XMLHttpRequest>()
  const onAbort = (): void => inFlight.forEach((x) => x.abort())
  signal?.addEventListener('abort', onAbort)
  let next = 0
  let done = 0
  onProgress(0, uids.length)
  const worker = async (): Promise<void> => {
    while (next < uids.length) {
      if (signal?.aborted) throw cancelled()
      const i = next++
      const uid = uids[i]!
      const xhr = new XMLHttpRequest()
      inFlight.add(xhr)
      try {
        const answer: unknown = await client.retrieveInstance(retrieveOptions(s, uid, xhr))
        const bytes = bytesOf(answer)
        if (!bytes) throw notDicomWeb(root, 'an instance retrieval')
        files[i] = { name: `${uid}.dcm`, bytes }
      } catch (e) {
        if (signal?.aborted) throw cancelled()
        throw new DicomWebError(describeDicomWebError(e, root, `instance ${uid}`))
      } finally {
        inFlight.delete(xhr)
      }
      onProgress(++done, uids.length)
    }
  }
  try {
    await Promise.all(Array.from({ length: RETRIEVE_CONCURRENCY }, worker))
  } catch (e) {
    onAbort()
    throw e
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
  return files
}
