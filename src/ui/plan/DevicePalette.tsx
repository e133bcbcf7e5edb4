/** Buttons that start placing a device, the click-order toggle, and the placement hint. */
import { DEVICE_KINDS, DEVICE_NAMES, type DeviceKind } from '../../plan'
import { appStore, useAppStore } from '../../store/appStore'

/** Short button labels per kind. */
const SHORT: Readonly<Record<DeviceKind, string>> = {
  rfProbe: 'RF probe',
  mwAntenna: 'MW antenna',
  cryoprobeSet: 'Cryoprobes',
  cementTrocar: 'Cement trocar',
  hifuTransducer: 'HIFU',
  ectElectrodeSet: 'ECT set',
  embolizationCatheter: 'Catheter',
}

/** 'a' or 'an' before a device name ("an RF probe", "an ECT electrode set"). */
const article = (name: string): string => (/^(?:[aeiou]|RF|ECT)/i.test(name) ? 'an' : 'a')

/** Device palette (`place-<kind>`), order toggle (`placement-order`) and hint (`placement-hint`). */
export function DevicePalette() {
  const placing = useAppStore((s) => s.placement?.kind ?? null)
  const hasFirst = useAppStore((s) => (s.placement?.firstMm ?? null) !== null)
  const order = useAppStore((s) => s.placementOrder)
  const entryFirst = order === 'entryFirst'
  const wantsEntry = hasFirst ? !entryFirst : entryFirst
  return (
    <div className="device-palette">
      <div className="palette-buttons" role="group" aria-label="Add a device">
        {DEVICE_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            data-testid={`place-${k}`}
            aria-pressed={placing === k}
            title={`Place a ${DEVICE_NAMES[k]}`}
            onClick={() =>
              placing === k
                ? appStore.getState().cancelPlacement()
                : appStore.getState().startPlacement(k)
            }
          >
            {SHORT[k]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="order-toggle"
        data-testid="placement-order"
        data-order={order}
        title="Which point the first click sets"
        onClick={() =>
          appStore.getState().setPlacementOrder(entryFirst ? 'targetFirst' : 'entryFirst')
        }
      >
        Click order: {entryFirst ? 'entry → target' : 'target → entry'}
      </button>
      {placing ? (
        <p className="placement-hint" data-testid="placement-hint" aria-live="polite">
          Placing {article(DEVICE_NAMES[placing])} {DEVICE_NAMES[placing]}: {hasFirst ? 'now ' : ''}
          click {wantsEntry ? 'the entry point' : 'the target'} in any view (or on a slice plane in
          3D).{' '}
          <button type="button" onClick={() => appStore.getState().cancelPlacement()}>
            Cancel (Esc)
          </button>
        </p>
      ) : null}
    </div>
  )
}
