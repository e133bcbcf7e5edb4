/** The workspace with its viewers wired to the store; loaded lazily so Cornerstone and three arrive in their own chunk. */
import { useEffect } from 'react'
import { appStore } from '../store/appStore'
import { startSimAuto } from '../store/simAuto'
import { Workspace } from '../ui/Workspace'
import { useImagingSync } from './useImagingSync'

/** Workspace + store ↔ viewer synchronisation. */
export default function LinkedWorkspace() {
  useImagingSync()
  useEffect(() => startSimAuto(appStore), [])
  return <Workspace />
}
