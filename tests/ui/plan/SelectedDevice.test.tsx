import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { appStore } from '../../../src/store/appStore'
import { DeviceList } from '../../../src/ui/plan/DeviceList'
import { deviceFields, labelOf, unitOf } from '../../../src/ui/plan/deviceFields'
import { SelectedDevice } from '../../../src/ui/plan/SelectedDevice'
import { placeDevice, ROUTES, useSyntheticStore } from './planTestStore'

useSyntheticStore()

const trocar = () => {
  const d = appStore.getState().plan.devices[0]
  if (d?.kind !== 'cementTrocar') throw new Error('expected a trocar')
  return d
}

function commitInput(testId: string, text: string): void {
  const input = screen.getByTestId(testId)
  fireEvent.change(input, { target: { value: text } })
  fireEvent.keyDown(input, { key: 'Enter' })
}

describe('fields from the schemas', () => {
  it('reads ranges, integer-ness, units and choices from zod', () => {
    const rf = deviceFields('rfProbe')
    const power = rf.find((f) => f.path.join('.') === 'powerW')
    expect(power).toMatchObject({ kind: 'number', min: 1, max: 250, unit: 'W', isInt: false })
    expect(rf.find((f) => f.path[0] === 'gauge')).toMatchObject({ min: 10, max: 22, isInt: true })
    expect(rf.find((f) => f.path[0] === 'variant')).toMatchObject({
      kind: 'choice',
      options: ['cooledMonopolar', 'bipolarBone'],
    })
    const freq = deviceFields('mwAntenna').find((f) => f.path[0] === 'frequencyMHz')
    expect(freq).toMatchObject({ kind: 'choice', options: [915, 2450] })
    expect(deviceFields('cementTrocar').find((f) => f.path[0] === 'balloon')?.kind).toBe('optional')
    const agent = deviceFields('embolizationCatheter').find((f) => f.path[0] === 'agent')
    expect(agent?.kind === 'variant' && agent.options.map((o) => o.value)).toEqual([
      'particles',
      'glue',
      'coils',
      'gelfoam',
    ])
    // Identity and points are edited elsewhere; lists are summarised.
    const paths = deviceFields('cryoprobeSet').map((f) => f.path.join('.'))
    expect(paths).not.toContain('entryMm')
    expect(deviceFields('cryoprobeSet').find((f) => f.path[0] === 'probes')?.kind).toBe('list')
  })

  it('names units after the field suffix', () => {
    expect([unitOf('rateMlPerMin'), unitOf('frequencyMHz'), unitOf('targetTipTempC')]).toEqual([
      'mL/min',
      'MHz',
      '°C',
    ])
    expect([unitOf('durationS'), unitOf('sizeMinUm'), unitOf('count')]).toEqual(['s', 'µm', ''])
    expect(labelOf('startAfterMixingS')).toBe('Start after mixing')
    expect(labelOf('durationS')).toBe('Duration')
  })
})

describe('the selected device form', () => {
  it('refuses an out-of-range number with the reason and keeps the plan', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    render(<SelectedDevice />)
    const steps = appStore.getState().history.length
    commitInput('param-volumeMl', '5000')
    expect(screen.getByTestId('param-volumeMl-error').textContent).toMatch(
      /between 0.1 and 30 mL \(got 5000\)/,
    )
    expect(trocar().volumeMl).toBe(4.5)
    expect(appStore.getState().history).toHaveLength(steps)
    commitInput('param-volumeMl', '6')
    expect(trocar().volumeMl).toBe(6)
    expect(screen.queryByTestId('param-volumeMl-error')).toBeNull()
    expect(appStore.getState().history).toHaveLength(steps + 1)
  })

  it('edits choices, optional parts and the points', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    render(<SelectedDevice />)
    fireEvent.change(screen.getByTestId('param-viscosity'), { target: { value: 'medium' } })
    expect(trocar().viscosity).toBe('medium')
    fireEvent.click(screen.getByTestId('param-balloon'))
    expect(trocar().balloon).toEqual({ inflationVolumeMl: 3 })
    expect(screen.getByTestId('param-balloon.inflationVolumeMl')).toBeTruthy()
    commitInput('point-tip', '10, 14, 6')
    expect(trocar().tipMm).toEqual([10, 14, 6])
    commitInput('point-entry', 'not a point')
    expect(screen.getByTestId('point-entry-error').textContent).toMatch(/three numbers/)
  })

  it('refuses markup in the label; the label is rendered as text', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    const { container } = render(<SelectedDevice />)
    commitInput('param-label', '<img src=x onerror=alert(1)>')
    expect(screen.getByTestId('param-label-error').textContent).toMatch(/markup is not allowed/)
    commitInput('param-label', 'Tom & "Jerry"')
    expect(trocar().label).toBe('Tom & "Jerry"')
    expect(container.querySelector('h2')?.textContent).toContain('Tom & "Jerry"')
    expect(container.querySelector('img')).toBeNull()
  })

  it('shows the readout of the selected needle', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    render(<SelectedDevice />)
    // 62 mm straight along −L: no craniocaudal angle, 90° mediolateral (towards the patient's right).
    expect(screen.getByTestId('readout-length').textContent).toBe('62.0 mm')
    expect(screen.getByTestId('readout-cc').textContent).toMatch(/^0°/)
    expect(screen.getByTestId('readout-ml').textContent).toBe("90° to the patient's right")
    expect(screen.getByTestId('readout-depth').textContent).toBe('no skin crossing')
  })
})

describe('trajectory report panel', () => {
  it('a path into the lesion is clear, green and not an alert', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    render(<SelectedDevice />)
    const summary = screen.getByTestId('trajectory-summary')
    expect(summary.dataset.severity).toBe('info')
    expect(summary.textContent).toMatch(/^Clear/)
    expect(summary.getAttribute('role')).toBe('status')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByTestId('trajectory-findings').textContent).toMatch(
      /The tip lies in the tumour \(lytic\)/,
    )
  })

  it('a path through the canal is an unmissable critical alert naming the structure', () => {
    placeDevice('cementTrocar', ROUTES.canal.entry, ROUTES.canal.tip)
    render(<SelectedDevice />)
    const alert = screen.getByRole('alert')
    expect(alert.dataset.severity).toBe('critical')
    expect(alert.className).toContain('severity-critical')
    expect(alert.textContent).toMatch(/^Critical: 1 critical finding/)
    const findings = within(screen.getByTestId('trajectory-findings')).getAllByRole('listitem')
    // Worst first.
    expect(findings[0]?.dataset.severity).toBe('critical')
    expect(findings[0]?.textContent).toMatch(/crosses the thecal sac \(CSF\) for \d+ mm/)
  })

  it('the device list shows each device severity in words', () => {
    placeDevice('cementTrocar', ROUTES.clear.entry, ROUTES.clear.tip)
    placeDevice('cementTrocar', ROUTES.canal.entry, ROUTES.canal.tip)
    render(<DeviceList />)
    expect(screen.getByTestId('device-item-trocar-1').textContent).toMatch(/clear$/)
    expect(screen.getByTestId('device-item-trocar-2').textContent).toMatch(/critical$/)
    expect(appStore.getState().selectedDeviceId).toBe('trocar-2')
  })

  it('says why there is no check for a device that is not a needle', () => {
    placeDevice('embolizationCatheter', ROUTES.clear.entry, ROUTES.clear.tip)
    render(<SelectedDevice />)
    expect(screen.getByTestId('trajectory-summary').textContent).toMatch(/not a straight needle/)
  })
})
