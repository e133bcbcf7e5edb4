/** Restores a plan carried in the address (`#plan=…`) at start-up and whenever the fragment changes. */
import { useEffect } from 'react'
import { openPlanFromHash } from './planFiles'

/** The last fragment handled: React StrictMode runs effects twice, and a plan opens once. */
let lastHandled: string | null = null

/** Opens the fragment's plan if it is new. */
function handle(hash: string): void {
  if (hash === lastHandled) return
  lastHandled = hash
  openPlanFromHash(hash)
}

/** Watches the location fragment for share links. */
export function usePlanLink(): void {
  useEffect(() => {
    handle(window.location.hash)
    const onHash = () => handle(window.location.hash)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
}
