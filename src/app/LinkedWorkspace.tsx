/** The workspace with its viewers wired to the store; loaded lazily so Cornerstone and three arrive in their own chunk. */
import { Workspace } from '../ui/Workspace'
import { useImagingSync } from './useImagingSync'

/** Workspace + store ↔ viewer synchronisation. */
export default function LinkedWorkspace() {
  useImagingSync()
  return <Workspace />
}
