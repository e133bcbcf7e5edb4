/** The Share button: puts the plan in the address bar's fragment, copies the link and shows it. */
import { useState } from 'react'
import { appStore } from '../../store/appStore'
import { shareLink } from './planFiles'

/** Share button (`plan-share`) and the link it made (`share-link`). */
export function SharePlan() {
  const [link, setLink] = useState<string | null>(null)
  const share = () => {
    const s = appStore.getState()
    const url = shareLink(s.plan, window.location.href)
    window.history.replaceState(null, '', url)
    setLink(url)
    // The clipboard exists only in secure contexts (not on plain HTTP across a LAN).
    const clipboard = navigator.clipboard as Clipboard | undefined
    if (!clipboard) {
      s.setPlanNotice('Copy the share link below.')
      return
    }
    clipboard.writeText(url).then(
      () => s.setPlanNotice('Share link copied to the clipboard.'),
      () => s.setPlanNotice('Copy the share link below.'),
    )
  }
  return (
    <>
      <button
        type="button"
        data-testid="plan-share"
        title="Link with the plan in it"
        onClick={share}
      >
        Share
      </button>
      {link ? (
        <input
          className="share-link"
          readOnly
          value={link}
          aria-label="Share link"
          data-testid="share-link"
          onFocus={(e) => e.target.select()}
        />
      ) : null}
    </>
  )
}
