/**
 * The sacral electrochemotherapy case (pelvis region) measured from its labels: femoral head and neck,
 * iliac wing thickness, joints, bladder noise, sciatic nerve and the lesion's relation to the S1 root.
 * Generated once for the file.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { GENERATION_TIMEOUT_MS } from './measure'
import { S } from '../../../src/lib/anatomy'
import { generateCase } from '../../../src/cases/library'
import type { Phantom } from '../../../src/cases/phantom'
import { DEFAULT_S1 } from '../../../src/cases/phantom/morphometry'
import {
  boneOf,
  centroid,
  dist,
  dot,
  erodedRoi,
  huStats,
  isBone,
  labelAt,
  lm,
  norm,
  run,
  sub,
  voxelTol,
  voxelsOf,
  worldOf,
  type V3,
} from './measure'

let p: Phantom
let tol: number
beforeAll(() => {
  p = generateCase('sacral-ala-ect')
  tol = voxelTol(p)
}, GENERATION_TIMEOUT_MS)

describe('pelvis phantom', () => {
  it('covers L4 to the proximal femora at 1.45 × 1.45 × 1.5 mm in 150–250 slices', () => {
    expect(p.geometry.spacingMm).toEqual([1.45, 1.45, 1.5])
    expect(p.geometry.dims[2]).toBeGreaterThanOrEqual(150)
    expect(p.geometry.dims[2]).toBeLessThanOrEqual(250)
    expect(p.landmarks['L4.bodyCentre']).toBeDefined()
    expect(p.landmarks['femur.lesserTrochanter.L']).toBeDefined()
  })

  it('femoral heads are 40–54 mm and match the spec', () => {
    for (const side of ['L', 'R']) {
      const h = lm(p, `femur.headCentre.${side}`)
      const d = run(p, h, [0, 1, 0], boneOf(`femur-${side}`)).length
      expect(Math.abs(d - p.spec.pelvis.femoralHeadDiameterMm), `head ${d}`).toBeLessThanOrEqual(
        tol,
      )
      expect(d).toBeGreaterThan(40)
      expect(d).toBeLessThan(54)
    }
  })

  it('neck-shaft angle measured from label centroids is 115–140° and within 5° of the spec', () => {
    // Neck axis: centroids of femur voxels in 4 mm slabs 12 and 30 mm from the head centre along the
    // neck; shaft axis: centroids of femur voxels in the two lowest 5-slice blocks. 5°: slab centroids of a
    // neck ~30 mm across are good to ~0.5 mm over an 18 mm baseline.
    const side = 'L'
    const H = lm(p, `femur.headCentre.${side}`)
    const neckDir = norm(sub(lm(p, `femur.neckBase.${side}`), H))
    const pid = p.partNames.indexOf(`femur-${side}`)
    const slab = (t: number): V3 => {
      const idx: number[] = []
      for (let i = 0; i < p.labels.length; i++) {
        if (p.parts[i] !== pid || !isBone(p.labels[i])) continue
        const q = sub(worldOf(p, i), H)
        const s = dot(q, neckDir)
        if (
          Math.abs(s - t) < 2 &&
          Math.hypot(...sub(q, [neckDir[0] * s, neckDir[1] * s, neckDir[2] * s])) < 20
        ) {
          idx.push(i)
        }
      }
      return centroid(p, idx)
    }
    const neck = norm(sub(slab(30), slab(12)))
    const n = p.geometry.dims[0] * p.geometry.dims[1]
    const block = (k0: number): V3 =>
      centroid(
        p,
        voxelsOf(p, [S.corticalBone, S.trabecularBone], `femur-${side}`).filter((i) => {
          const k = Math.floor(i / n)
          return k >= k0 && k < k0 + 5
        }),
      )
    const down = norm(sub(block(0), block(20)))
    const nsa = (Math.acos(dot(neck, down)) * 180) / Math.PI
    // The angle between the neck (head → base is distal-lateral) and the distal shaft is 180° − NSA.
    const measured = 180 - nsa
    expect(measured).toBeGreaterThan(115)
    expect(measured).toBeLessThan(140)
    expect(Math.abs(measured - p.spec.pelvis.neckShaftAngleDeg)).toBeLessThan(5)
  })

  it('the iliac wing centre is thinner than 5 mm between its tables', () => {
    for (const side of ['L', 'R']) {
      const c = lm(p, `wingCentre.${side}`)
      const out = norm(sub(lm(p, `wingOutward.${side}`), c))
      const t = run(p, c, out, (l) => isBone(l)).length
      expect(t).toBeGreaterThan(0)
      expect(t).toBeLessThan(5 + tol)
    }
  })

  it('the hip joints have a cartilage space around the femoral heads and the SI joints a joint space', () => {
    expect(voxelsOf(p, [S.cartilage]).length).toBeGreaterThan(500)
    expect(voxelsOf(p, [S.jointSpace]).length).toBeGreaterThan(100)
  })

  it('noise SD in the bladder (water-equivalent urine) is within 10 % of the configured value', () => {
    // Urine core: bladder voxels whose neighbours 4 voxels away are bladder too (clear of the 3 mm wall).
    const g = p.geometry.dims
    const roi = erodedRoi(p, S.bladder).filter((i) =>
      [4, -4, 4 * g[0], -4 * g[0], 4 * g[0] * g[1], -4 * g[0] * g[1]].every(
        (o) => p.labels[i + o] === S.bladder,
      ),
    )
    expect(roi.length).toBeGreaterThan(5000)
    const s = huStats(p, roi)
    expect(Math.abs(s.mean - p.spec.hu.urine)).toBeLessThan(3)
    expect(Math.abs(s.sd - p.spec.image.noiseSdHu) / p.spec.image.noiseSdHu).toBeLessThan(0.1)
  })

  it('the sciatic nerves leave through the greater sciatic notch behind the hips', () => {
    for (const side of ['L', 'R']) {
      expect(labelAt(p, lm(p, `sciaticNotch.${side}`))).toBe(S.sciaticNerve)
      const nerve = centroid(p, voxelsOf(p, [S.sciaticNerve], `sciatic-${side}`))
      expect(nerve[1]).toBeGreaterThan(lm(p, `femur.headCentre.${side}`)[1])
    }
  })

  it('iliac vessels run in front of the sacrum', () => {
    expect(voxelsOf(p, [S.iliacVessel]).length).toBeGreaterThan(1000)
  })
})

describe('the sacral lesion', () => {
  it('is a mixed lesion in the right sacral ala, within a few millimetres of the S1 root', () => {
    const les = p.lesions[0]
    expect(les.description).toContain('right sacral ala')
    const blastic = voxelsOf(p, [S.tumourBlastic], 'S')
    const lytic = voxelsOf(p, [S.tumourLytic], 'S')
    expect(blastic.length).toBeGreaterThan(50)
    expect(lytic.length).toBeGreaterThan(50)
    const c = centroid(p, [...blastic, ...lytic])
    expect(c[0]).toBeLessThan(0)
    expect(dist(c, les.centreMm)).toBeLessThan(3)
    const root = voxelsOf(p, [S.nerveRoot], 'root-S1-R').map((i) => worldOf(p, i))
    let nearest = Infinity
    for (const i of [...blastic, ...lytic]) {
      const q = worldOf(p, i)
      for (const r of root) nearest = Math.min(nearest, dist(q, r))
    }
    expect(nearest).toBeLessThan(8)
    const s = huStats(p, erodedRoi(p, S.tumourBlastic))
    if (s.n > 10) {
      expect(s.mean).toBeGreaterThan(450)
      expect(s.mean).toBeLessThan(850)
    }
  })
})

describe('sacrum morphology (ANATOMY §2.1)', () => {
  // Mid-sagittal S1 axes from landmarks: w from the body centre to the superior endplate centre, v its
  // posterior perpendicular in the sagittal plane.
  const axes = (): { w: V3; v: V3 } => {
    const w = norm(sub(lm(p, 'S1.superiorEndplateCentre'), lm(p, 'S1.bodyCentre')))
    return { w, v: [0, w[2], -w[1]] }
  }

  it('S1 body AP depth at mid-height is within one voxel of the ~35 mm endplate depth less the waist', () => {
    // Bone run through the S1 body centre along v: anterior cortex to the front of the sacral canal. The
    // mid-height section is the endplate section narrowed by the body waist (vertebra.ts).
    const { v } = axes()
    const d = run(p, lm(p, 'S1.bodyCentre'), v, boneOf('S')).length
    const want = DEFAULT_S1.endplateDepthMm * (1 - p.spec.spine.bodyWaist)
    expect(want).toBeGreaterThan(30)
    expect(Math.abs(d - want), `S1 depth ${d} vs ${want}`).toBeLessThanOrEqual(tol)
  })

  it('is five fused segments: a residual disc with sclerotic margins between S1 and S2 bodies', () => {
    // Walk the midline from the S1 to the S2 body centre: bone, then endplate, disc, endplate, bone.
    const a = lm(p, 'S1.bodyCentre')
    const b = lm(p, 'S2.bodyCentre')
    const seq: number[] = []
    for (let t = 0; t <= 1; t += 0.01) {
      const l = labelAt(p, [a[0], a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t])
      if (seq[seq.length - 1] !== l) seq.push(l)
    }
    const disc = seq.indexOf(S.disc)
    expect(disc, `labels ${seq.join(',')}`).toBeGreaterThan(0)
    expect(seq.slice(0, disc)).toContain(S.endplate)
    expect(seq.slice(disc + 1)).toContain(S.endplate)
    expect(isBone(seq[0]) && isBone(seq[seq.length - 1])).toBe(true)
  })

  it('the sacral canal is roofed at S1 and open behind at the hiatus', () => {
    // Behind the S1 canal (along v) bone reappears within 15 mm; behind the hiatus none within 15 mm.
    const { v } = axes()
    const c1 = p.landmarks['S1.bodyCentre']
    const startS1: V3 = [c1[0], c1[1] + v[1] * 25, c1[2] + v[2] * 25]
    const hit = (o: V3): boolean => {
      for (let t = 0; t <= 15; t += 0.25) {
        if (isBone(labelAt(p, [o[0], o[1] + v[1] * t, o[2] + v[2] * t]))) return true
      }
      return false
    }
    expect(isBone(labelAt(p, startS1))).toBe(false)
    expect(hit(startS1)).toBe(true)
    expect(hit(lm(p, 'sacralHiatus'))).toBe(false)
  })
})
