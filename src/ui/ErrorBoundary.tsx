/** Catches render errors in one part of the workspace, shows a readable message and a retry button. */
import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  /** What this boundary protects, in plain words ("the 3D view"). */
  area: string
  children: ReactNode
  onError?: (message: string) => void
}

interface State {
  error: Error | null
}

/** An error boundary that keeps the rest of the app usable. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Error in ${this.props.area}`, error, info.componentStack)
    this.props.onError?.(
      `Something went wrong in ${this.props.area}: ${error.message}. The rest of the app still works.`,
    )
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <div className="boundary-error" role="alert">
        <p>
          {this.props.area} stopped because of an error: <code>{this.state.error.message}</code>
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
