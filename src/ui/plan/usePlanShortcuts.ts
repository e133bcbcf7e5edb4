/**
 * Planning keyboard shortcuts: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, Delete removes the selected
 * device, Esc cancels a placement (or clears the selection). Keys typed into form fields are left alone.
 */
import { useEffect } from 'react'
import { appStore } from '../../store/appStore'

/** True when the key event belongs to a text field, select or editable element. */
function isTyping(e: KeyboardEvent): boolean {
  const t = e.target
  if (!(t instanceof HTMLElement)) return false
  return t.isContentEditable || t.matches('input, textarea, select')
}

/** Handles one key; returns true when it was a planning shortcut. */
export function handlePlanKey(e: KeyboardEvent): boolean {
  const s = appStore.getState()
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.toLowerCase()
  if (mod && key === 'z') {
    if (e.shiftKey) s.redo()
    else s.undo()
    return true
  }
  if (mod && key === 'y') {
    s.redo()
    return true
  }
  if (e.key === 'Escape') {
    if (s.placement) s.cancelPlacement()
    else if (s.dragPreview) s.clearPreview()
    else s.selectDevice(null)
    return true
  }
  if (e.key === 'Delete' && s.selectedDeviceId) {
    s.removeDevice(s.selectedDeviceId)
    return true
  }
  return false
}

/** Installs the planning shortcuts on the window for the component's lifetime. */
export function usePlanShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) && e.key !== 'Escape') return
      if (handlePlanKey(e)) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
