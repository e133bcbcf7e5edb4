/**
 * Worker entry for bone/structure surface extraction: exposes surfaceApi over Comlink. Imports only the
 * pure layers (through surfaceApi) and comlink; no DOM.
 */
import * as Comlink from 'comlink'
import { surfaceApi } from './surfaceApi'

const api = surfaceApi

Comlink.expose(api)

/** The worker's API, for `Comlink.wrap<SurfaceApi>`. */
export type SurfaceApi = typeof api
