/**
 * What the browser thread pools (Pennes `pennesPool.ts`, E-field `efieldPool.ts`) share: counting cores,
 * connecting a nested worker through a MessagePort, and starting a warmed-up team or falling back to one
 * thread. Jobs go through the port, not `Worker.postMessage`: in Chromium a message posted with
 * `Worker.postMessage` to a nested worker never arrived while the sim worker blocked in `Atomics.wait`
 * for its acknowledgement (measured: 20 s timeouts), whereas MessagePort messages do.
 */

/** How long a helper may take to start, ms. */
const START_TIMEOUT_MS = 20_000

/** Logical cores the browser reports (1 when it does not say). */
export function logicalCores(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
  return nav?.hardwareConcurrency ?? 1
}

/** Helpers for `cores` logical cores: cores − 1 (the calling thread works too), at most `max`. */
export function helperCount(cores: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(cores) - 1))
}

/**
 * Hands the worker one end of a MessageChannel (`{type: '<kind>-port'}`) and resolves with the other when
 * the worker answers `{type: '<kind>-ready'}` through it.
 */
function connect(w: Worker, kind: string): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel()
    const timer = setTimeout(() => reject(new Error('helper start timed out')), START_TIMEOUT_MS)
    channel.port1.onmessage = (e: MessageEvent<unknown>) => {
      const d = e.data as { type?: unknown } | null
      if (d?.type === `${kind}-ready`) {
        clearTimeout(timer)
        channel.port1.onmessage = null
        resolve(channel.port1)
      }
    }
    w.addEventListener('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`helper failed to start: ${e.message}`))
    })
    w.postMessage({ type: `${kind}-port`, port: channel.port2 }, [channel.port2])
  })
}

/** How to start one kind of team. */
export interface WebTeamSpec<T extends { readonly failure: string | null }> {
  /** Message prefix the helper worker answers to (`pennes`, `efield`). */
  readonly kind: string
  /** Helper threads to start. */
  readonly helpers: number
  /** Creates one helper (a literal `new Worker(new URL(...))` so that Vite bundles it). */
  readonly spawn: () => Worker
  readonly createTeam: (ports: MessagePort[]) => T
  /** Runs a small problem on the team; false when it failed. */
  readonly warmUp: (team: T) => boolean
  /** What the warning says when the team does not start ("the solver runs on one thread"). */
  readonly fallback: string
}

/**
 * Starts a warmed-up team, or resolves to null (one thread) when the page is not cross-origin isolated,
 * there is no second core, or a helper does not start or fails its warm-up.
 */
export async function startWebTeam<T extends { readonly failure: string | null }>(
  spec: WebTeamSpec<T>,
  canShareMemory: () => boolean,
): Promise<T | null> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
  if (!canShareMemory() || !isolated || typeof Worker === 'undefined' || spec.helpers < 1) {
    return null
  }
  const workers: Worker[] = []
  try {
    for (let h = 0; h < spec.helpers; h++) workers.push(spec.spawn())
    const ports = await Promise.all(workers.map((w) => connect(w, spec.kind)))
    const team = spec.createTeam(ports)
    if (!spec.warmUp(team)) throw new Error(team.failure ?? 'the helpers did not answer')
    return team
  } catch (e) {
    for (const w of workers) w.terminate()
    console.warn(`${spec.kind} helper threads did not start; ${spec.fallback}.`, e)
    return null
  }
}
