/** Worker entry for procedure simulations: exposes the sim API over Comlink. */
import * as Comlink from 'comlink'
import { createSimApi } from './simApi'

Comlink.expose(createSimApi(true))
