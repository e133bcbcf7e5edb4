import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from '../../src/ui/ErrorBoundary'

let shouldThrow = true
function Fragile() {
  if (shouldThrow) throw new Error('boom in the 3D view')
  return <p>all good</p>
}
function Sibling() {
  const [n, setN] = useState(0)
  return (
    <button type="button" onClick={() => setN(n + 1)}>
      clicked {n}
    </button>
  )
}

describe('ErrorBoundary', () => {
  it('shows a readable message, reports it, keeps siblings usable and can retry', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const onError = vi.fn()
    render(
      <div>
        <ErrorBoundary area="the 3D view" onError={onError}>
          <Fragile />
        </ErrorBoundary>
        <Sibling />
      </div>,
    )
    expect(screen.getByRole('alert').textContent).toMatch(
      /the 3D view stopped because of an error: boom in the 3D view/,
    )
    expect(onError.mock.calls[0]?.[0]).toMatch(/The rest of the app still works/)
    fireEvent.click(screen.getByText('clicked 0'))
    expect(screen.getByText('clicked 1')).toBeTruthy()
    shouldThrow = false
    act(() => {
      fireEvent.click(screen.getByText('Try again'))
    })
    expect(screen.getByText('all good')).toBeTruthy()
  })
})
