import { useEffect, useRef, useState } from 'react'
import { appStore } from '../../store/appStore'
import { readDrop, readFiles } from './readDroppedFiles'

const run = (p: Promise<unknown>) =>
  p.catch((e: unknown) =>
    appStore
      .getState()
      .showError(`The files could not be read: ${e instanceof Error ? e.message : String(e)}`),
  )

/**
 * Open DICOM files, a folder or a .zip, from the pickers (`open-files`, `open-folder`) or by dropping them
 * anywhere on the page. Files are read in memory; nothing leaves the browser.
 */
export function OpenDicom() {
  const folderRef = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    // `webkitdirectory` is not in React's input props; set it on the element.
    folderRef.current?.setAttribute('webkitdirectory', '')
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setDragging(false)
      const dt = e.dataTransfer
      void run(readDrop(dt).then((files) => appStore.getState().importFiles(files)))
    }
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [])

  const onInput = (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = e.target.files ? Array.from(e.target.files) : []
    e.target.value = ''
    void run(readFiles(list).then((files) => appStore.getState().importFiles(files)))
  }

  return (
    <div className="open-dicom">
      <label className="button-like" title="Open DICOM files or a .zip (stays in your browser)">
        Open files
        <input
          data-testid="open-files"
          type="file"
          multiple
          onChange={onInput}
          className="visually-hidden"
        />
      </label>
      <label className="button-like" title="Open a folder of DICOM files (stays in your browser)">
        Open folder
        <input
          data-testid="open-folder"
          type="file"
          ref={folderRef}
          onChange={onInput}
          className="visually-hidden"
        />
      </label>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop DICOM files, a folder or a .zip — they stay in your browser
        </div>
      ) : null}
    </div>
  )
}
