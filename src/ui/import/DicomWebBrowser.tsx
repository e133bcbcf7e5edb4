import { useEffect, useRef, useState } from 'react'
import { appStore } from '../../store/appStore'
import {
  listDicomWebSeries,
  normaliseDicomWebUrl,
  retrieveDicomWebSeries,
  type DicomWebSeries,
} from '../../store/dicomweb'

const URL_KEY = 'osteoplan.dicomwebUrl'

const savedUrl = (): string => {
  try {
    return localStorage.getItem(URL_KEY) ?? ''
  } catch {
    return ''
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

type Busy = { kind: 'connecting' } | { kind: 'loading'; done: number; total: number } | null

/** One series row: description, modality, instance count and Load. */
function SeriesRow(props: {
  n: number
  s: DicomWebSeries
  disabled: boolean
  onLoad: (s: DicomWebSeries) => void
}) {
  const { n, s } = props
  const count = s.instanceCount === null ? 'instances: ?' : `${s.instanceCount} instances`
  return (
    <li data-testid={`dicomweb-series-${n}`}>
      <div>
        <strong>{s.description || '(no description)'}</strong> · {s.modality || '?'} · {count}
      </div>
      {s.studyDescription ? (
        <div>
          <small>Study: {s.studyDescription}</small>
        </div>
      ) : null}
      <button
        type="button"
        data-testid={`dicomweb-load-${n}`}
        disabled={props.disabled}
        onClick={() => props.onLoad(s)}
      >
        Load
      </button>
    </li>
  )
}

/** The dialog's state and actions: connect, list, retrieve, hand over to the import pipeline. */
function useDicomWeb(close: () => void) {
  const [url, setUrl] = useState(savedUrl)
  const [series, setSeries] = useState<readonly DicomWebSeries[] | null>(null)
  const [busy, setBusy] = useState<Busy>(null)
  const abort = useRef<AbortController | null>(null)
  useEffect(() => () => abort.current?.abort(), [])

  const connect = async (): Promise<void> => {
    const store = appStore.getState()
    store.clearError()
    setSeries(null)
    setBusy({ kind: 'connecting' })
    try {
      const list = await listDicomWebSeries(url)
      setSeries(list)
      try {
        localStorage.setItem(URL_KEY, normaliseDicomWebUrl(url))
      } catch {
        // storage unavailable (private mode): the URL is just not remembered
      }
    } catch (e) {
      store.showError(message(e))
    } finally {
      setBusy(null)
    }
  }

  const load = async (s: DicomWebSeries): Promise<void> => {
    const store = appStore.getState()
    store.clearError()
    abort.current?.abort()
    const ctrl = new AbortController()
    abort.current = ctrl
    setBusy({ kind: 'loading', done: 0, total: s.instanceCount ?? 0 })
    try {
      const files = await retrieveDicomWebSeries(
        url,
        s,
        (done, total) => setBusy({ kind: 'loading', done, total }),
        ctrl.signal,
      )
      if (ctrl.signal.aborted) return
      close()
      await store.importFiles(files)
    } catch (e) {
      if (!ctrl.signal.aborted) store.showError(message(e))
    } finally {
      setBusy(null)
    }
  }

  return { url, setUrl, series, busy, connect, load }
}

/** The modal: server URL, Connect, the series list and retrieval progress. */
function DicomWebDialog(props: { onClose: () => void }) {
  const { url, setUrl, series, busy, connect, load } = useDicomWeb(props.onClose)
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dicomweb-title"
        data-testid="dicomweb-dialog"
      >
        <h2 id="dicomweb-title">Load from a DICOMweb server</h2>
        <p>
          <small>
            Only GET requests are sent, to this server only. It must allow cross-origin requests
            (CORS) from this page.
          </small>
        </p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void connect()
          }}
        >
          <input
            data-testid="dicomweb-url"
            type="url"
            aria-label="DICOMweb server URL"
            placeholder="http://localhost:8042/dicom-web"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            size={40}
          />{' '}
          <button type="submit" data-testid="dicomweb-connect" disabled={busy !== null}>
            Connect
          </button>
        </form>
        {busy?.kind === 'connecting' ? <div data-testid="dicomweb-status">Connecting…</div> : null}
        {busy?.kind === 'loading' ? (
          <div className="progress" data-testid="dicomweb-progress">
            <div>
              Retrieving instances: {busy.done} / {busy.total || '?'}
            </div>
            <progress max={busy.total || 1} value={busy.done} />
          </div>
        ) : null}
        {series !== null && series.length === 0 ? (
          <p data-testid="dicomweb-empty">The server holds no series.</p>
        ) : null}
        {series !== null && series.length > 0 ? (
          <ul className="series-list" data-testid="dicomweb-series-list">
            {series.map((s, n) => (
              <SeriesRow
                key={s.seriesUid}
                n={n}
                s={s}
                disabled={busy !== null}
                onLoad={(x) => void load(x)}
              />
            ))}
          </ul>
        ) : null}
        <button type="button" data-testid="dicomweb-close" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  )
}

/**
 * "DICOMweb…" beside Open files / Open folder (`open-dicomweb`): browse a DICOMweb server's series (QIDO-RS)
 * and load one (WADO-RS) through the same import pipeline as local files.
 */
export function DicomWebBrowser() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button-like"
        data-testid="open-dicomweb"
        title="Browse and load a series from a DICOMweb (QIDO-RS/WADO-RS) server"
        onClick={() => setOpen(true)}
      >
        DICOMweb…
      </button>
      {open ? <DicomWebDialog onClose={() => setOpen(false)} /> : null}
    </>
  )
}
