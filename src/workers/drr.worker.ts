/**
 * Worker entry for the fluoroscopy CT projection (cement panel): exposes drrApi over Comlink. Imports only
 * the pure layers (through drrApi) and comlink; no DOM.
 */
import * as Comlink from 'comlink'
import { createDrrApi } from './drrApi'

Comlink.expose(createDrrApi())
