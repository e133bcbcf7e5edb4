/** Worker entry for procedure simulations: exposes the sim API over Comlink. */
import * as Comlink from 'comlink'
import { defaultPennesTeam, setDefaultPennesTeam, teamRelease } from '../sim/bioheat/pennesThreads'
import { setDefaultEfieldTeam } from '../sim/efield/efieldThreads'
import { handleBioheatBenchMessage } from './bioheatBenchHook'
import { handleEfieldBenchMessage } from './efieldBenchHook'
import { startWebEfieldTeam } from './efieldPool'
import { startWebPennesTeam } from './pennesPool'
import { createSimApi, type SimApi } from './simApi'

// Helper threads for the bioheat solver when the page is cross-origin isolated (runs that start before
// they are ready, or without isolation, sweep on this thread alone).
const team = startWebPennesTeam().then(
  (t) => {
    setDefaultPennesTeam(t)
    return t
  },
  () => null,
)
// Helper threads for the E-field basis solves (ECT), started after the bioheat team (same conditions).
const efieldTeam = team
  .then(() => startWebEfieldTeam())
  .then(
    (t) => {
      setDefaultEfieldTeam(t)
      return t
    },
    () => null,
  )
const scope = self as unknown as DedicatedWorkerGlobalScope
scope.addEventListener('message', (e: MessageEvent<unknown>) => {
  void handleBioheatBenchMessage(e.data, team, (r) => scope.postMessage(r))
  void handleEfieldBenchMessage(e.data, efieldTeam, (r) => scope.postMessage(r))
})

const api = createSimApi(true)
const exposed: SimApi = {
  ...api,
  // After each run the helpers let go of the run's solver arrays (the next run binds its own).
  async simulate(...args: Parameters<SimApi['simulate']>): ReturnType<SimApi['simulate']> {
    try {
      return await api.simulate(...args)
    } finally {
      const t = defaultPennesTeam()
      try {
        if (t) teamRelease(t)
      } catch {
        // The team is marked broken by then; later runs sweep on this thread alone.
      }
    }
  },
}
Comlink.expose(exposed)
