import { useState } from 'react'
import type { StackMode } from '../../cases/dicom/assembleVolume'
import { formatBytes } from '../../cases/dicom/dicomProblem'
import { appStore, useAppStore } from '../../store/appStore'
import { ThumbnailCanvas } from './ThumbnailCanvas'

/** The series found, with their problems, the resampling choice and the memory estimate. */
export function SeriesChooser() {
  const series = useAppStore((s) => s.importSeries)
  const thumbs = useAppStore((s) => s.importThumbnails)
  const [mode, setMode] = useState<StackMode>('resample')
  const [downsample, setDownsample] = useState<boolean | null>(null)
  return (
    <div>
      <p>Choose the series to load:</p>
      <ul className="series-list">
        {series.map((s) => (
          <li
            key={s.index}
            className={s.refusal ? 'refused' : ''}
            data-testid={`series-${s.index}`}
          >
            {!s.refusal ? <ThumbnailCanvas thumb={thumbs[s.index]} label={s.description} /> : null}
            <div>
              <strong>{s.description}</strong> · {s.modality} · {s.sliceCount} slices · {s.matrix} ·
              ~{formatBytes(s.estimateBytes)}
            </div>
            {s.refusal ? <div className="refusal">{s.refusal}</div> : null}
            {s.warnings.map((w) => (
              <div key={w} className="warning">
                {w}
              </div>
            ))}
            {!s.refusal && s.needsResampling ? (
              <fieldset className="stack-mode">
                <label>
                  <input
                    type="radio"
                    name={`mode-${s.index}`}
                    checked={mode === 'resample'}
                    onChange={() => setMode('resample')}
                  />{' '}
                  Resample to a regular grid (recommended)
                </label>
                <label>
                  <input
                    type="radio"
                    name={`mode-${s.index}`}
                    checked={mode === 'asIs'}
                    onChange={() => setMode('asIs')}
                  />{' '}
                  Load as acquired (distances along the stack approximate)
                </label>
              </fieldset>
            ) : null}
            {!s.refusal && s.overBudget ? (
              <label className="warning">
                <input
                  type="checkbox"
                  checked={downsample ?? true}
                  onChange={(e) => setDownsample(e.target.checked)}
                />{' '}
                Halve the in-plane resolution to fit in memory (recommended for this size)
              </label>
            ) : null}
            {!s.refusal ? (
              <button
                type="button"
                data-testid={`load-series-${s.index}`}
                onClick={() =>
                  void appStore.getState().chooseSeries(s.index, {
                    mode,
                    downsample: s.overBudget ? (downsample ?? true) : false,
                  })
                }
              >
                Load this series
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
