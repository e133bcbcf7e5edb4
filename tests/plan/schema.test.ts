import { describe, expect, it } from 'vitest'
import {
  createDevice,
  DEVICE_DEFAULTS,
  DEVICE_KINDS,
  DeviceSchema,
  ectTemplateElectrodes,
  encodeMaskRle,
  decodeMaskRle,
  geometryFingerprint,
  hifuGeometry,
  isSafeText,
  parsePlanFile,
  PlanSchema,
  planToJson,
  sanitizeText,
} from '../../src/plan'
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../src/lib/space'
import { makePlan } from './planFixtures'

describe('device schemas', () => {
  it.each(DEVICE_KINDS)(
    '%s: createDevice output validates and round-trips through JSON exactly',
    (kind) => {
      const device = createDevice(kind, [-40, 95, 12], [-5, 15, 3])
      const parsed = DeviceSchema.parse(device)
      expect(parsed).toEqual(device)
      expect(DeviceSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(device)
    },
  )

  it('covers every kind of the union in DEVICE_KINDS and DEVICE_DEFAULTS', () => {
    const unionKinds = DeviceSchema.options.map((o) => o.shape.kind.value).sort()
    expect([...DEVICE_KINDS].sort()).toEqual(unionKinds)
    expect(Object.keys(DEVICE_DEFAULTS).sort()).toEqual(unionKinds)
  })

  it('gives new devices the first free id and does not share nested defaults', () => {
    const a = createDevice('cryoprobeSet', [0, 50, 0], [0, 0, 0], {
      existingIds: ['cryo-1', 'cryo-2'],
    })
    const b = createDevice('cryoprobeSet', [0, 50, 0], [0, 0, 0])
    expect(a.id).toBe('cryo-3')
    expect(b.id).toBe('cryo-1')
    a.protocol.freeze1Min = 15
    expect(b.protocol.freeze1Min).toBe(DEVICE_DEFAULTS.cryoprobeSet.protocol.freeze1Min)
  })

  it('rejects a bipolar bone probe whose tip is not 7, 10 or 20 mm', () => {
    const rf = { ...createDevice('rfProbe', [0, 50, 0], [0, 0, 0]), activeTipMm: 15 }
    const r = DeviceSchema.safeParse(rf)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe(
      'must be 7, 10 or 20 mm for a bipolar bone probe (got 15)',
    )
    expect(DeviceSchema.safeParse({ ...rf, variant: 'cooledMonopolar' }).success).toBe(true)
  })

  it('ECT templates: hexagonal has 7 needles 7.3 mm apart at 730 V, linear 8 needles in rows 4 mm apart at 400 V', () => {
    const hex = ectTemplateElectrodes('hexagonal', [0, 60, 0], [0, 0, 0])
    expect(hex.electrodes).toHaveLength(7)
    expect(hex.sequence).toHaveLength(12)
    // 730 V = 100 V/mm × 7.3 mm (ESOPE ratio); rounding to whole volts is exact here.
    expect(new Set(hex.sequence.map((p) => p.voltageV))).toEqual(new Set([730]))
    const lin = ectTemplateElectrodes('linear', [0, 60, 0], [0, 0, 0])
    expect(lin.electrodes).toHaveLength(8)
    expect(lin.sequence.map((p) => p.voltageV)).toEqual([400, 400, 400, 400])
    // Every needle stays parallel to the set axis: same entry→tip vector.
    for (const e of lin.electrodes) {
      expect(e.tipMm[1] - e.entryMm[1]).toBeCloseTo(-60, 9)
    }
  })

  it('derives HIFU focus, axis, apex and F-number from the stored points', () => {
    const d = createDevice('hifuTransducer', [0, 100, 0], [0, 40, 0])
    const h = hifuGeometry(d)
    expect(h.beamAxis).toEqual([0, -1, 0])
    expect(h.apexMm).toEqual([0, 170, 0])
    // 130 / 154 (the FACTS.md §3.5 reference bowl): F# ≈ 0.84.
    expect(h.fNumber).toBeCloseTo(0.844, 3)
    expect(h.focusDepthMm).toBe(60)
  })
})

describe('plan schema', () => {
  it('round-trips a plan with every device, target and protection kind', () => {
    const plan = makePlan()
    expect(PlanSchema.parse(plan)).toEqual(plan)
    const back = parsePlanFile(planToJson(plan))
    expect(back).toEqual({ ok: true, plan, warnings: [] })
  })

  it('accepts a painted target whose runs cover its grid and that matches the loaded scan', () => {
    const g: VolumeGeometry = {
      dims: [4, 3, 2],
      spacingMm: [1, 1, 2],
      originMm: [0, 0, 0],
      direction: IDENTITY_DIRECTION,
    }
    const mask = new Uint8Array(24)
    mask.set([1, 1], 5)
    mask[23] = 1
    const fingerprint = geometryFingerprint(g)
    const plan = makePlan({
      scan: { kind: 'loaded', fingerprint },
      targets: [
        {
          kind: 'painted',
          id: 'p',
          label: 'Painted',
          fingerprint,
          dims: [4, 3, 2],
          runs: encodeMaskRle(mask),
        },
      ],
    })
    expect(PlanSchema.parse(plan)).toEqual(plan)
    const wrongGrid = makePlan({
      ...plan,
      scan: { kind: 'loaded', fingerprint: 'g1-0000000000000000' },
    })
    expect(PlanSchema.safeParse(wrongGrid).error?.issues[0]?.path).toEqual([
      'targets',
      0,
      'fingerprint',
    ])
  })
})

describe('mask RLE', () => {
  it('round-trips masks that start set, start unset, and are empty or full', () => {
    for (const bits of [
      [1, 1, 0, 1],
      [0, 0, 1, 1, 1, 0],
      [0, 0, 0],
      [1, 1, 1],
    ]) {
      const mask = Uint8Array.from(bits)
      const runs = encodeMaskRle(mask)
      expect(runs.reduce((a, b) => a + b, 0)).toBe(mask.length)
      expect(decodeMaskRle(runs, mask.length)).toEqual(mask)
    }
    expect(encodeMaskRle(Uint8Array.from([1, 1, 0]))).toEqual([0, 2, 1])
    expect(() => decodeMaskRle([2, 2], 3)).toThrow(/does not fit/)
  })
})

describe('geometryFingerprint', () => {
  const g: VolumeGeometry = {
    dims: [512, 512, 163],
    spacingMm: [0.9765625, 0.9765625, 3],
    originMm: [-250, -250, -1200.5],
    direction: IDENTITY_DIRECTION,
  }
  it('is stable under float noise below the rounding and changes with any geometry field', () => {
    const fp = geometryFingerprint(g)
    expect(fp).toMatch(/^g1-[0-9a-f]{16}$/)
    expect(geometryFingerprint({ ...g, spacingMm: [0.97656250001, 0.9765625, 3] })).toBe(fp)
    expect(geometryFingerprint({ ...g, originMm: [-250, -250, -1200.5 + 1e-9] })).toBe(fp)
    expect(geometryFingerprint({ ...g, dims: [512, 512, 164] })).not.toBe(fp)
    expect(geometryFingerprint({ ...g, spacingMm: [0.98, 0.9765625, 3] })).not.toBe(fp)
    expect(geometryFingerprint({ ...g, originMm: [-250, -250, -1200] })).not.toBe(fp)
    expect(
      geometryFingerprint({
        ...g,
        direction: [
          [1, 0, 0],
          [0, -1, 0],
          [0, 0, -1],
        ],
      }),
    ).not.toBe(fp)
  })
  it('writes −0 like 0', () => {
    const a = geometryFingerprint({ ...g, originMm: [0, 0, 0] })
    expect(geometryFingerprint({ ...g, originMm: [-0, -1e-12, 0] })).toBe(a)
  })
})

describe('sanitizeText', () => {
  it.each([
    ['  L3 <b>lesion</b>  ', 'L3 blesion/b'],
    ['a\u0000b\u0007c', 'a b c'],
    ['line1\nline2\ttab', 'line1 line2 tab'],
    ['evil \u202Eoverride', 'evil override'],
    ['<script>alert(1)</script>', 'scriptalert(1)/script'],
  ])('%j → %j, which the schema then accepts', (input, expected) => {
    const out = sanitizeText(input)
    expect(out).toBe(expected)
    expect(isSafeText(out)).toBe(true)
  })

  it('keeps line feeds in multi-line text and truncates on a code-point boundary', () => {
    expect(sanitizeText('a\r\nb\n\n\n\nc', { isMultiLine: true })).toBe('a\nb\n\nc')
    const emoji = 'ab😀'
    // 'ab' + a surrogate pair: cutting at 3 code units must not leave half a pair behind.
    expect(sanitizeText(emoji, { maxLength: 3 })).toBe('ab')
  })
})
