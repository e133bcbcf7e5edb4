/** Worker shell: generates built-in case volumes off the main thread. Imports only pure layers. */
import * as Comlink from 'comlink'
import { caseApi } from './caseApi'

Comlink.expose(caseApi)
