import { useState } from 'react'
import { appStore } from '../store/appStore'

/** Type an LPS position (mm) to move the crosshair there (`data-testid="crosshair-input"`). */
export function CrosshairInput() {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState('')
  const go = () => {
    const parts = text
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number)
    if (parts.length !== 3 || !parts.every(Number.isFinite)) {
      setProblem('Enter three numbers in mm: L, P, S')
      return
    }
    setProblem('')
    appStore.getState().setCrosshair([parts[0]!, parts[1]!, parts[2]!])
  }
  return (
    <form
      className="crosshair-input"
      onSubmit={(e) => {
        e.preventDefault()
        go()
      }}
    >
      <label>
        Go to L, P, S (mm){' '}
        <input
          data-testid="crosshair-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. 12, 30, -40"
          size={16}
        />
      </label>
      <button type="submit" data-testid="crosshair-go">
        Go
      </button>
      {problem ? <div className="warning">{problem}</div> : null}
    </form>
  )
}
