import { beforeAll, describe, expect, it } from 'vitest'
import { S } from '../../../src/lib/anatomy'
import { distance, type Vec3 } from '../../../src/lib/vec3'
import {
  gaugeOuterDiameterMm,
  marchTrajectory,
  type LabelVolume,
  type TrajectoryReport,
} from '../../../src/plan'
import { formatMm } from '../../../src/plan/trajectory/findingText'
import { PHANTOM, vertebraPhantom } from './vertebraPhantom'

let vol: LabelVolume
beforeAll(() => {
  vol = vertebraPhantom(true)
})

const trocar = { deviceDiameterMm: gaugeOuterDiameterMm(11), checkPedicleBreach: true }
const critical = (r: TrajectoryReport) => r.findings.filter((f) => f.severity === 'critical')
const codes = (r: TrajectoryReport) => r.findings.map((f) => f.code)

/** Half a voxel: the label grid cannot place a boundary better than that (plus a half-step, 0.125 mm). */
const VOXEL_TOL_MM = PHANTOM.spacingMm / 2 + 0.125

describe('marchTrajectory on a synthetic vertebra', () => {
  const pedicleEntry: Vec3 = [-16, 64, 0]
  const pedicleTip: Vec3 = [-8, 0, 0]

  it('a transpedicular trocar path has no critical finding and ends in the vertebral body', () => {
    const r = marchTrajectory(vol, pedicleEntry, pedicleTip, trocar)
    expect(critical(r), r.findings.map((f) => f.message).join('\n')).toEqual([])
    expect(codes(r)).not.toContain('medialBreach')
    expect(codes(r)).not.toContain('inferiorBreach')
    const keys = r.crossings.map((c) => c.key)
    expect(keys.slice(0, 5)).toEqual([
      'outside',
      'skin',
      'subcutaneousFat',
      'muscle',
      'corticalBone',
    ])
    expect(keys[keys.length - 1]).toBe('trabecularBone')
    expect(r.findings.find((f) => f.code === 'tipLocation')?.message).toMatch(
      /^The tip lies in the trabecular bone \(marrow\) at [\d.]+ mm depth\.$/,
    )
    // The canal passes 11.5 mm from the axis (hand-computed), i.e. 3.5 mm from its surface, minus the
    // 1.525 mm trocar radius: a ~2 mm near miss, never a critical one.
    const canal = r.nearMisses.find((m) => m.labelId === S.epiduralFat)
    expect(canal?.distanceMm).toBeGreaterThan(1.5)
    expect(canal?.distanceMm).toBeLessThan(2.5)
    // At its closest approach the trocar is inside the pedicle, with cortex between it and the canal:
    // reported as information, not a warning (a breach is what the breach check reports).
    const f = r.findings.find((x) => x.code === 'nearMiss' && x.structureKey === 'epiduralFat')
    expect(f?.severity).toBe('info')
    expect(f?.message).toMatch(/inside bone there, with cortex in between\.$/)
    expect(r.worstSeverity).not.toBe('warning')
  })

  it('measures skin depth and needle length against hand-computed values', () => {
    const r = marchTrajectory(vol, pedicleEntry, pedicleTip, trocar)
    const L = Math.hypot(8, 64)
    expect(r.needleLengthMm).toBeCloseTo(L, 12)
    // Skin starts where the nearest voxel centre switches from y = 62.5 (air) to 62 (skin): y = 62.25.
    const skinDepth = (62.25 / 64) * L
    expect(Math.abs((r.skinDepthMm ?? NaN) - skinDepth)).toBeLessThanOrEqual(VOXEL_TOL_MM)
    expect(r.stepMm).toBeLessThanOrEqual(PHANTOM.spacingMm / 2)
  })

  it('a midline path through the canal is critical, with the length, depth and words of each crossing', () => {
    const r = marchTrajectory(vol, [0, 64, 0], [0, 0, 0])
    const cord = r.crossings.find((c) => c.labelId === S.spinalCord)
    expect(cord).toBeDefined()
    // The analytic cord is 8 mm across; its voxelisation holds the centres y = 25…33 (8.5 mm): one voxel.
    expect(Math.abs(cord!.lengthMm - 2 * PHANTOM.cordRadiusMm)).toBeLessThanOrEqual(
      PHANTOM.spacingMm,
    )
    // Skin at y = 62, cord surface at y = 33: 29 mm deep.
    expect(Math.abs(cord!.depthMm - 29)).toBeLessThanOrEqual(VOXEL_TOL_MM)
    const msg = r.findings.find((f) => f.structureKey === 'spinalCord')?.message
    expect(msg).toBe(
      `The path crosses the spinal cord for ${formatMm(cord!.lengthMm)} mm at ${formatMm(cord!.depthMm)} mm depth — critical.`,
    )
    expect(msg).toMatch(
      /^The path crosses the spinal cord for 8(\.\d)? mm at 29(\.\d)? mm depth — critical\.$/,
    )
    const order = r.crossings
      .map((c) => c.key)
      .filter((k) => ['epiduralFat', 'csf', 'spinalCord'].includes(k))
    expect(order).toEqual(['epiduralFat', 'csf', 'spinalCord', 'csf', 'epiduralFat'])
    expect(new Set(critical(r).map((f) => f.structureKey))).toEqual(
      new Set(['epiduralFat', 'csf', 'spinalCord']),
    )
    expect(r.worstSeverity).toBe('critical')
  })

  it('a path 2 mm from a nerve root is a near miss at 2 ± 0.5 mm', () => {
    const d = gaugeOuterDiameterMm(13)
    // Parallel to y, above the left root: axis-to-axis gap = root radius + 2 mm + needle radius.
    const z0 = PHANTOM.rootZMm + PHANTOM.rootRadiusMm + 2 + d / 2
    const r = marchTrajectory(vol, [-20, 64, z0], [-20, 20, z0], { deviceDiameterMm: d })
    const root = r.nearMisses.find((m) => m.labelId === S.nerveRoot)
    expect(root).toBeDefined()
    // ±0.5 mm: the brief's tolerance; the voxel-face estimate is within half a voxel (0.25 mm) here.
    expect(Math.abs(root!.distanceMm - 2)).toBeLessThanOrEqual(0.5)
    // Closest point: where the path passes over the root axis (y = 29), 35 mm along the path.
    expect(Math.abs(root!.alongMm - 35)).toBeLessThanOrEqual(PHANTOM.spacingMm)
    const f = r.findings.find((x) => x.code === 'nearMiss' && x.structureKey === 'nerveRoot')
    expect(f?.severity).toBe('warning')
    expect(f?.message).toMatch(
      /^The path passes [\d.]+ mm from the nerve root \(closest at [\d.]+ mm depth\)\.$/,
    )
    expect(critical(r)).toEqual([])
  })

  it('reports no near miss beyond the search radius and measures from the needle wall', () => {
    const z0 = PHANTOM.rootZMm + PHANTOM.rootRadiusMm + 2
    const thin = marchTrajectory(vol, [-20, 64, z0], [-20, 20, z0], { nearMissSearchMm: 1.5 })
    expect(thin.nearMisses).toEqual([])
    const thick = marchTrajectory(vol, [-20, 64, z0], [-20, 20, z0], { deviceDiameterMm: 6 })
    // A 6 mm device on the same axis: its wall reaches 1 mm past the 2 mm gap → overlap → critical.
    const root = thick.nearMisses.find((m) => m.labelId === S.nerveRoot)
    expect(root!.distanceMm).toBeLessThanOrEqual(0)
    expect(critical(thick)[0]?.message).toMatch(
      /^The needle wall touches the nerve root at [\d.]+ mm depth — critical\.$/,
    )
  })

  it('detects a medial pedicle breach into the canal', () => {
    const r = marchTrajectory(vol, [-30, 64, 0], [-2, 26, 0], trocar)
    const breach = r.findings.find((f) => f.code === 'medialBreach')
    expect(breach?.severity).toBe('critical')
    expect(breach?.message).toMatch(
      /^Medial pedicle cortex breach: the trocar leaves bone into the epidural space at [\d.]+ mm depth — critical\.$/,
    )
    expect(codes(r)).not.toContain('inferiorBreach')
  })

  it('detects an inferior pedicle breach into the exiting root', () => {
    const r = marchTrajectory(vol, [-12, 64, 17.84], [-12, 26, -9.52], trocar)
    const breach = r.findings.find((f) => f.code === 'inferiorBreach')
    expect(breach?.severity).toBe('critical')
    expect(breach?.message).toMatch(
      /^Inferior pedicle cortex breach: the trocar leaves bone into the nerve root at/,
    )
    expect(codes(r)).not.toContain('medialBreach')
  })

  it('runs the breach check only when asked (trocars)', () => {
    const r = marchTrajectory(vol, [-30, 64, 0], [-2, 26, 0], { deviceDiameterMm: 3.05 })
    expect(codes(r)).not.toContain('medialBreach')
  })

  it('is mirror-symmetric: the same path on the other side crosses the same structures', () => {
    const right = marchTrajectory(vol, pedicleEntry, pedicleTip, trocar)
    const left = marchTrajectory(vol, [16, 64, 0], [8, 0, 0], trocar)
    expect(left.crossings.map((c) => [c.key, c.lengthMm])).toEqual(
      right.crossings.map((c) => [c.key, c.lengthMm]),
    )
    expect(left.angles.mediolateralDeg).toBeCloseTo(-right.angles.mediolateralDeg, 12)
  })

  it('crossings tile the path: contiguous, ordered, summing to the needle length', () => {
    const r = marchTrajectory(vol, [-30, 64, 5], [6, -10, -4])
    let at = 0
    for (const c of r.crossings) {
      expect(c.startMm).toBeCloseTo(at, 9)
      at = c.endMm
    }
    // Summation of the run lengths: exact up to float rounding.
    expect(at).toBeCloseTo(distance([-30, 64, 5], [6, -10, -4]), 9)
  })

  it('averages CT numbers per run when the volume has CT data', () => {
    const r = marchTrajectory(vol, pedicleEntry, pedicleTip, trocar)
    expect(r.crossings.find((c) => c.key === 'corticalBone')?.meanHu).toBe(1200)
    expect(r.crossings.find((c) => c.key === 'outside')?.meanHu).toBe(-1000)
  })

  it('warns about the part of a path outside the scan', () => {
    const r = marchTrajectory(vol, [-16, 80, 0], [-8, 0, 0])
    expect(r.crossings[0]?.key).toBe('outsideScan')
    const f = r.findings.find((x) => x.code === 'outsideScan')
    expect(f?.severity).toBe('warning')
    expect(f?.message).toMatch(/mm of the path lies outside the scan and cannot be checked\.$/)
  })

  it('rejects a zero-length path', () => {
    expect(() => marchTrajectory(vol, [0, 0, 0], [0, 0, 0])).toThrow(/same point/)
  })
})
