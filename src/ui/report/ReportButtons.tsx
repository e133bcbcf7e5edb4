/**
 * Report and media buttons: a PDF (`report-download`) or PNG report of the edited plan, and a WebM video of
 * a step-through (`report-video`). Reports name the plan title and the case id only, never patient data.
 */
import { useRef, useState } from 'react'
import { appStore, useAppStore } from '../../store/appStore'
import { isSimStale } from '../../store/slices/simSlice'
import { composeReport, download, reportFileName, reportPdf, reportPng } from './composeReport'
import { recordViews, type Recording } from './recordVideo'

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Runs the simulations the plan lacks, one after another, so that the video does not show the waits. */
async function simulateFirst(onProgress: (text: string) => void): Promise<void> {
  const devices = appStore.getState().plan.devices
  for (const [i, d] of devices.entries()) {
    const s = appStore.getState()
    if (!isSimStale(s, d.id) && s.simResults[d.id]) continue
    onProgress(`Simulating ${d.id} before recording (${i + 1}/${devices.length})…`)
    await s.runDeviceSimulation(d.id)
  }
}

/** Records a step-through of the plan from its first step to its last; resolves with the video. */
async function recordStepThrough(onStart: (r: Recording) => void): Promise<Blob> {
  const store = appStore
  store.getState().stopStepThrough()
  const caption = () => {
    const s = store.getState()
    const st = s.stepThrough
    const step = st?.steps[st.index]
    return `${s.plan.title}${step ? ` · ${step.label}` : ''}`
  }
  const recording = recordViews(caption)
  onStart(recording)
  store.getState().startStepThrough()
  await new Promise<void>((resolve) => {
    const done = (s: ReturnType<typeof store.getState>) =>
      !s.stepThrough || (!s.stepThrough.playing && !s.stepThrough.waiting)
    const unsub = store.subscribe((s) => {
      if (done(s)) {
        unsub()
        resolve()
      }
    })
    if (done(store.getState())) {
      unsub()
      resolve()
    }
  })
  // Hold the last frame a moment.
  await new Promise((r) => setTimeout(r, 600))
  return recording.stop()
}

export function ReportButtons() {
  const [status, setStatus] = useState<{ state: 'idle' | 'busy' | 'done' | 'error'; text: string }>(
    {
      state: 'idle',
      text: '',
    },
  )
  const [isRecording, setRecording] = useState(false)
  const recordingRef = useRef<Recording | null>(null)
  const hasDevices = useAppStore((s) => s.plan.devices.length > 0)

  const makeReport = async (format: 'pdf' | 'png') => {
    setStatus({ state: 'busy', text: 'Composing the report…' })
    try {
      const s = appStore.getState()
      const canvas = await composeReport(s)
      const blob = format === 'pdf' ? reportPdf(canvas, s) : await reportPng(canvas)
      download(blob, reportFileName(s.plan.title, format))
      setStatus({
        state: 'done',
        text: `Saved a ${format.toUpperCase()} report (${Math.round(blob.size / 1024)} kB).`,
      })
    } catch (e) {
      setStatus({ state: 'error', text: `The report could not be made: ${message(e)}` })
    }
  }

  const video = async () => {
    if (isRecording) {
      // Stopping early: end the step-through; the recording then finishes.
      appStore.getState().stopStepThrough()
      return
    }
    setRecording(true)
    try {
      await simulateFirst((text) => setStatus({ state: 'busy', text }))
      setStatus({ state: 'busy', text: 'Recording the step-through…' })
      const blob = await recordStepThrough((r) => (recordingRef.current = r))
      download(blob, reportFileName(appStore.getState().plan.title, 'webm'))
      setStatus({ state: 'done', text: `Saved a WebM video (${Math.round(blob.size / 1024)} kB).` })
    } catch (e) {
      setStatus({ state: 'error', text: `The video could not be made: ${message(e)}` })
    } finally {
      recordingRef.current = null
      setRecording(false)
    }
  }

  return (
    <section className="report-buttons" aria-label="Report and video">
      <div className="educator-row">
        <button type="button" data-testid="report-download" onClick={() => void makeReport('pdf')}>
          Download PDF report
        </button>
        <button
          type="button"
          data-testid="report-download-png"
          onClick={() => void makeReport('png')}
        >
          Download PNG report
        </button>
        <button
          type="button"
          data-testid="report-video"
          aria-pressed={isRecording}
          disabled={!hasDevices && !isRecording}
          onClick={() => void video()}
        >
          {isRecording ? 'Stop recording' : 'Record step-through video (WebM)'}
        </button>
      </div>
      <p
        className="educator-hint"
        data-testid="report-status"
        data-state={status.state}
        role="status"
      >
        {status.text ||
          'Reports show the plan title and case id only, with the views, metrics, warnings and sources.'}
      </p>
    </section>
  )
}
