/**
 * A short WebM video of the views: a canvas that recomposes the four views (captureViews) several times a
 * second, recorded by a MediaRecorder from the canvas's capture stream. The caller decides what plays
 * (e.g. a step-through) and when to stop.
 */
import { captureViews } from './captureViews'

/** Frames composed per second. Composing serialises the SVG layers, so a modest rate keeps up. */
export const VIDEO_FPS = 8
/** Longest recording, s. */
export const MAX_VIDEO_S = 60
const WIDTH = 960
const HEIGHT = 540

/** The first WebM type this browser's MediaRecorder supports, or null. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null
  // VP8 first: it encodes in real time on a modest CPU, where VP9 falls behind.
  for (const t of ['video/webm;codecs=vp8', 'video/webm', 'video/webm;codecs=vp9']) {
    if (MediaRecorder.isTypeSupported(t)) return t
  }
  return null
}

/** A recording in progress. */
export interface Recording {
  /** Stops and returns the video. */
  stop(): Promise<Blob>
}

/** Starts recording the views, with `caption()` written at the bottom of every frame. */
export function recordViews(caption: () => string): Recording {
  const type = webmType()
  if (!type) throw new Error('This browser cannot record WebM video (no MediaRecorder for WebM).')
  const canvas = document.createElement('canvas')
  canvas.width = WIDTH
  canvas.height = HEIGHT
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('The video needs a 2D canvas, which this browser did not give.')
  const stream = canvas.captureStream(VIDEO_FPS)
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2_500_000 })
  const chunks: Blob[] = []
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data)
  }
  let stopped = false
  let busy = false
  const started = performance.now()
  const frame = async () => {
    if (busy || stopped) return
    busy = true
    try {
      const views = await captureViews()
      ctx.fillStyle = '#000'
      ctx.fillRect(0, 0, WIDTH, HEIGHT)
      const w = WIDTH / 2
      const h = (HEIGHT - 40) / 2
      views.slice(0, 4).forEach((v, i) => {
        const s = Math.min(w / v.canvas.width, h / v.canvas.height)
        const x = (i % 2) * w + (w - v.canvas.width * s) / 2
        const y = Math.floor(i / 2) * h + (h - v.canvas.height * s) / 2
        ctx.drawImage(v.canvas, x, y, v.canvas.width * s, v.canvas.height * s)
        ctx.fillStyle = '#fff'
        ctx.font = 'bold 16px system-ui, sans-serif'
        ctx.fillText(v.label, (i % 2) * w + 8, Math.floor(i / 2) * h + 20)
      })
      ctx.fillStyle = '#fff'
      ctx.font = '18px system-ui, sans-serif'
      ctx.fillText(caption(), 12, HEIGHT - 14)
      ctx.fillStyle = '#ff8080'
      ctx.textAlign = 'right'
      ctx.fillText('OsteoPlan · teaching tool, not for clinical use', WIDTH - 12, HEIGHT - 14)
      ctx.textAlign = 'left'
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => {
    if ((performance.now() - started) / 1000 > MAX_VIDEO_S) return
    void frame()
  }, 1000 / VIDEO_FPS)
  void frame()
  recorder.start(500)
  return {
    stop() {
      stopped = true
      clearInterval(timer)
      return new Promise((resolve, reject) => {
        recorder.onstop = () => {
          for (const t of stream.getTracks()) t.stop()
          if (chunks.length === 0) reject(new Error('The recording is empty.'))
          else resolve(new Blob(chunks, { type: 'video/webm' }))
        }
        recorder.stop()
      })
    },
  }
}
