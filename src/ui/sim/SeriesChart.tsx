import type { SimSeries } from '../../cases/simulate'

const W = 260
const H = 120
const PAD = { l: 34, r: 8, t: 8, b: 22 }

const nice = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)

/** A small line chart of one series, with its thresholds and an optional time cursor (x units). */
export function SeriesChart({ series, cursorX }: { series: SimSeries; cursorX?: number }) {
  const { x, y } = series
  if (x.length < 2) return null
  const ys = [...y, ...(series.thresholds ?? []).map((t) => t.value)]
  let y0 = Math.min(...ys)
  let y1 = Math.max(...ys)
  if (y1 - y0 < 1e-9) {
    y0 -= 1
    y1 += 1
  }
  const x0 = x[0]!
  const x1 = x[x.length - 1]!
  const px = (v: number) => PAD.l + ((v - x0) / (x1 - x0 || 1)) * (W - PAD.l - PAD.r)
  const py = (v: number) => H - PAD.b - ((v - y0) / (y1 - y0)) * (H - PAD.t - PAD.b)
  const d = x.map((v, n) => `${n ? 'L' : 'M'}${px(v).toFixed(1)},${py(y[n]!).toFixed(1)}`).join('')
  return (
    <figure className="sim-chart" data-testid={`sim-chart-${series.id}`}>
      <figcaption>{series.label}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${series.label}: ${series.yLabel} against ${series.xLabel}`}
      >
        <rect
          x={PAD.l}
          y={PAD.t}
          width={W - PAD.l - PAD.r}
          height={H - PAD.t - PAD.b}
          className="frame"
        />
        {(series.thresholds ?? []).map((t) => (
          <g key={t.label}>
            <line
              x1={PAD.l}
              x2={W - PAD.r}
              y1={py(t.value)}
              y2={py(t.value)}
              className="threshold"
            />
            <text
              x={W - PAD.r - 2}
              y={py(t.value) - 2}
              textAnchor="end"
              className="threshold-label"
            >
              {t.label}
            </text>
          </g>
        ))}
        <path d={d} className="curve" />
        {cursorX !== undefined && cursorX >= x0 && cursorX <= x1 ? (
          <line x1={px(cursorX)} x2={px(cursorX)} y1={PAD.t} y2={H - PAD.b} className="cursor" />
        ) : null}
        <text x={PAD.l - 3} y={PAD.t + 8} textAnchor="end">
          {nice(y1)}
        </text>
        <text x={PAD.l - 3} y={H - PAD.b} textAnchor="end">
          {nice(y0)}
        </text>
        <text x={PAD.l} y={H - 6}>
          {nice(x0)}
        </text>
        <text x={W - PAD.r} y={H - 6} textAnchor="end">
          {nice(x1)} {series.xUnit}
        </text>
      </svg>
      <div className="sim-chart-axis">
        {series.yLabel} ({series.yUnit})
      </div>
    </figure>
  )
}
