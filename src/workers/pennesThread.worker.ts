/**
 * Helper thread of the Pennes solver (nested in the sim worker): receives a MessagePort, then on that port
 * a state's shared arrays, and sweeps its slab of z planes on each job until released
 * (`src/sim/bioheat/pennesThreads.ts`, `pennesPool.ts`). Imports only the pure solver; no DOM.
 */
import { handlePennesThreadMessage } from '../sim/bioheat/pennesThreads'

const scope = self as unknown as DedicatedWorkerGlobalScope
scope.onmessage = (e: MessageEvent<{ type?: unknown; port?: MessagePort }>) => {
  const port = e.data?.type === 'pennes-port' ? e.data.port : undefined
  if (!port) return
  port.onmessage = (m: MessageEvent<unknown>) => handlePennesThreadMessage(m.data)
  port.postMessage({ type: 'pennes-ready' })
}
