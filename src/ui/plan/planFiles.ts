/**
 * Saving, opening and sharing plans from the browser: a `.osteoplan.json` download, a file input read
 * through `parsePlanFile` (rejections explained in the error banner), and a share link that carries the
 * plan in the URL fragment (`#plan=<encodePlanForUrl>`; fragments never reach a server).
 */
import {
  decodePlanFromUrl,
  encodePlanForUrl,
  MAX_PLAN_FILE_CHARS,
  parsePlanFile,
  planToJson,
  sanitizeText,
  type Plan,
} from '../../plan'
import { appStore } from '../../store/appStore'

/** Prefix of the plan in a share link's fragment. */
export const PLAN_FRAGMENT_PREFIX = '#plan='
/** Most error lines shown for a rejected file or link. */
const MAX_ERRORS_SHOWN = 4

/** File name of a plan: its title in lower-case words joined by '-', then `.osteoplan.json`. */
export function planFileName(plan: Plan): string {
  const slug = plan.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${slug || 'plan'}.osteoplan.json`
}

/** Downloads the plan as JSON. */
export function downloadPlan(plan: Plan): void {
  const blob = new Blob([planToJson(plan)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = planFileName(plan)
  document.body.append(a)
  a.click()
  a.remove()
  // Revoke after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

const listErrors = (errors: readonly string[]): string => {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).join('; ')
  const more = errors.length - MAX_ERRORS_SHOWN
  return more > 0 ? `${shown}; and ${more} more` : shown
}

/** Reads a plan file chosen by the user and opens (or offers) it; problems go to the error banner. */
export async function openPlanFile(file: File): Promise<void> {
  const s = appStore.getState()
  const name = sanitizeText(file.name, { maxLength: 80 })
  // A quick size check before reading: UTF-16 characters ≤ bytes, so a larger file cannot pass.
  if (file.size > 4 * MAX_PLAN_FILE_CHARS) {
    s.showError(`"${name}" is too large to be a plan file.`)
    return
  }
  const result = parsePlanFile(await file.text())
  if (!result.ok) {
    s.showError(`"${name}" could not be opened as a plan: ${listErrors(result.errors)}.`)
    return
  }
  const outcome = s.offerPlan(result.plan, 'file')
  const warned = result.warnings.length ? ` (${listErrors(result.warnings)})` : ''
  s.setPlanNotice(
    outcome === 'opened' ? `Opened "${result.plan.title}"${warned}.` : `Read "${name}"${warned}.`,
  )
}

/** The share link of a plan: this page, with the plan's case for built-in scans, and the plan fragment. */
export function shareLink(plan: Plan, href: string): string {
  const url = new URL(href)
  if (plan.scan.kind === 'builtin') url.searchParams.set('case', plan.scan.caseId)
  url.hash = ''
  return `${url.toString()}${PLAN_FRAGMENT_PREFIX}${encodePlanForUrl(plan)}`
}

/** The plan fragment of a location hash, or null when the hash carries no plan. */
export const planFragment = (hash: string): string | null =>
  hash.startsWith(PLAN_FRAGMENT_PREFIX) ? hash.slice(PLAN_FRAGMENT_PREFIX.length) : null

/** Opens (or offers) the plan carried by a hash; a damaged link is explained in the error banner. */
export function openPlanFromHash(hash: string): void {
  const payload = planFragment(hash)
  if (payload === null) return
  const s = appStore.getState()
  const result = decodePlanFromUrl(payload)
  if (!result.ok) {
    s.showError(`The plan in this link could not be opened: ${listErrors(result.errors)}.`)
    return
  }
  s.offerPlan(result.plan, 'link')
}
