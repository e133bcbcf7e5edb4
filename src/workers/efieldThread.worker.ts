/**
 * Helper thread of the E-field basis solver (nested in the sim worker): receives a MessagePort, then on
 * that port one message per range of bases to solve (`src/sim/efield/efieldThreads.ts`,
 * `efieldPool.ts`). Imports only the pure solver; no DOM.
 */
import { handleEfieldThreadMessage } from '../sim/efield/efieldThreads'

const scope = self as unknown as DedicatedWorkerGlobalScope
scope.onmessage = (e: MessageEvent<{ type?: unknown; port?: MessagePort }>) => {
  const port = e.data?.type === 'efield-port' ? e.data.port : undefined
  if (!port) return
  port.onmessage = (m: MessageEvent<unknown>) => handleEfieldThreadMessage(m.data)
  port.postMessage({ type: 'efield-ready' })
}
