/**
 * Metastases placed from patient terms. A lesion is an ellipsoid (largest diameter = `sizeMm`) set at the
 * requested position in its host bone and then pulled towards the host's centre until it fits inside the
 * trabecular interior, so the cortex stays intact unless an option breaks it:
 * - posterior-wall breach: a cortical defect with a 4 mm [U] epidural soft-tissue component;
 * - pedicle involvement: the lesion continues along the pedicle axis to the isthmus;
 * - endplate destruction: the endplate under the lesion is replaced;
 * - soft-tissue extension: an extra-osseous mass of the given thickness on the lesion's side;
 * - pathological collapse: handled in the spine layout (reduced body height).
 * Lytic lesions are soft-tissue density; blastic ones 650 HU (Ulano16); mixed = lytic core with a blastic
 * rim. Hypervascular lesions enhance in contrast phases (huTable.ts). Lesions paint only over bone.
 */
import { S } from '../../lib/anatomy'
import type { Vec3 } from '../../lib/vec3'
import { toWorld, worldFrame } from './frame'
import type { HipBoneModel } from './hipBone'
import { addLayer, type BuildContext, type Model } from './model'
import type { VertebraName } from './morphometry'
import type { LesionSpec } from './phantomSpec'
import type { LesionInfo } from './phantomTypes'
import type { Layer } from './rasterize'
import type { SacrumModel } from './sacrum'
import { capsule, ellipsoid, intersect, offset, type Frame, type Shape } from './sdf'
import type { VertebraLayout } from './spineLayout'
import type { VertebraModel } from './vertebra'
import { pedicleAxisLocal, pedicleLocal } from './vertebra'

/** Epidural component of a posterior-wall breach [U]. */
export const EPIDURAL_EXTENSION_MM = 4
/** Trabecular margin kept between an intact-cortex lesion and the outer bone surface. */
const INTERIOR_MARGIN_MM = 1.2

/** Hosts a lesion can sit in. */
export interface LesionHosts {
  readonly vertebrae: Readonly<Record<VertebraName, VertebraModel>>
  readonly layouts: Readonly<Record<VertebraName, VertebraLayout>>
  readonly sacrum: SacrumModel
  readonly sacrumShape: Shape
  readonly hips: Readonly<Record<'L' | 'R', HipBoneModel>>
  readonly parts: Readonly<Record<string, number>>
}

const BONE_LABELS = [S.corticalBone, S.trabecularBone, S.endplate]

/** Unit directions spread over a sphere (Fibonacci lattice). */
const DIRS: readonly Vec3[] = Array.from({ length: 96 }, (_, i) => {
  const y = 1 - (2 * (i + 0.5)) / 96
  const r = Math.sqrt(1 - y * y)
  const t = i * Math.PI * (3 - Math.sqrt(5))
  return [Math.cos(t) * r, y, Math.sin(t) * r] as Vec3
})

/**
 * Moves the ellipsoid centre from `c` towards `toward` until its surface lies inside `interior` (≤ 0),
 * ignoring surface points whose local direction `skip` returns true for (sides allowed to breach).
 */
function fitInside(
  fr: Frame,
  semi: Vec3,
  c: Vec3,
  toward: Vec3,
  interior: Shape,
  skip: (d: Vec3) => boolean,
): { p: Vec3; fits: boolean } {
  let p = c
  for (let it = 0; it < 40; it++) {
    let worst = -Infinity
    for (const d of DIRS) {
      if (skip(d)) continue
      const q = toWorld({ ...fr, o: p }, d[0] * semi[0], d[1] * semi[1], d[2] * semi[2])
      worst = Math.max(worst, interior.f(q[0], q[1], q[2]))
    }
    if (worst <= 0) return { p, fits: true }
    p = [
      p[0] + (toward[0] - p[0]) * 0.1,
      p[1] + (toward[1] - p[1]) * 0.1,
      p[2] + (toward[2] - p[2]) * 0.1,
    ]
  }
  return { p, fits: false }
}

const negate = (s: Shape, box: Shape['box']): Shape => ({ box, f: (x, y, z) => -s.f(x, y, z) })

/** Adds every lesion of the spec; returns their descriptions. */
export function addLesions(ctx: BuildContext, model: Model, hosts: LesionHosts): LesionInfo[] {
  return ctx.spec.lesions.map((l) => addLesion(ctx, model, hosts, l))
}

function addLesion(ctx: BuildContext, model: Model, hosts: LesionHosts, l: LesionSpec): LesionInfo {
  const { spec, enh } = ctx
  const hu = spec.hu
  const contrast = spec.contrast !== 'none'
  const lyticHu =
    l.hypervascular && contrast ? enh.hypervascularTumour : contrast ? enh.tumour : hu.tumourLytic
  const sideSign = l.side === 'left' ? 1 : l.side === 'right' ? -1 : 0
  let semi: Vec3 = [l.sizeMm / 2, (l.sizeMm / 2) * 0.9, (l.sizeMm / 2) * 0.85]
  if (l.bone !== 'sacrum' && l.bone !== 'ilium') {
    // Inside a vertebral body the endplates flatten the lesion unless it destroys one.
    const L = hosts.layouts[l.bone]
    const maxW = l.endplateDestruction
      ? L.heightMidMm / 2
      : L.heightMidMm / 2 - INTERIOR_MARGIN_MM - 1.5
    semi = [
      semi[0],
      Math.min(semi[1], L.m.endplateDepthMm / 2 - INTERIOR_MARGIN_MM - 1),
      Math.min(semi[2], maxW),
    ]
  }
  let fr: Frame
  let centre: Vec3
  let host: Shape
  let part: number
  let where: string
  const extras: { shape: Shape; label: number; hu: number }[] = []
  const sideWord = l.side === 'midline' ? 'midline' : l.side
  if (l.bone === 'sacrum' || l.bone === 'ilium') {
    const s = sideSign >= 0 ? 1 : -1
    const sd = s > 0 ? 'L' : 'R'
    if (l.bone === 'sacrum') {
      const f1 = hosts.sacrum.frames[0]!
      const seg = hosts.sacrum.segments[0]!
      host = hosts.sacrumShape
      const want = toWorld(f1, s * (seg.widthMm / 2 + 13), -2, -6)
      fr = { ...f1, o: want }
      part = hosts.parts.S ?? 0
      where = `${sideWord} sacral ala next to the S1 foramen`
      centre = fitInside(
        fr,
        semi,
        want,
        toWorld(f1, s * (seg.widthMm / 2 + 16), 4, -8),
        offset(host, -INTERIOR_MARGIN_MM),
        () => false,
      ).p
    } else {
      const hip = hosts.hips[sd]
      host = hip.shape
      part = hosts.parts[`ilium-${sd}`] ?? 0
      if (l.site === 'wing') {
        const z = hip.wing.zTop - 22
        const g = hip.wing.at(z)
        const span0 = g.t1 - g.t0
        const span =
          s > 0
            ? span0 > 0
              ? span0 - 2 * Math.PI
              : span0
            : span0 < 0
              ? span0 + 2 * Math.PI
              : span0
        const th = g.t0 + 0.22 * span
        const out: Vec3 = [Math.cos(th), Math.sin(th), 0]
        const onWing: Vec3 = [g.cx + g.r * out[0], g.cy + g.r * out[1], z]
        fr = { o: onWing, u: out, v: [-out[1], out[0], 0], w: [0, 0, 1] }
        centre = onWing
        where = `${sideWord} posterior iliac wing below the crest`
      } else {
        const c = hip.points.supraAcetabular!
        fr = worldFrame(c)
        where = `${sideWord} supra-acetabular ilium`
        centre = fitInside(fr, semi, c, c, offset(host, -INTERIOR_MARGIN_MM), () => false).p
        if (l.kind !== 'blastic') {
          extras.push(...acetabularRoutes(centre, semi, hip, s, lyticHu, enh.vein))
          where += ' (subchondral roof defect, intraosseous venous drainage)'
        }
      }
    }
  } else {
    const vm = hosts.vertebrae[l.bone]
    const L = hosts.layouts[l.bone]
    const m = L.m
    host = vm.shape
    part = hosts.parts[l.bone] ?? 0
    const u = sideSign * 0.22 * m.endplateWidthMm
    const v =
      l.ap === 'anterior'
        ? -0.2 * m.endplateDepthMm
        : l.ap === 'posterior'
          ? 0.18 * m.endplateDepthMm
          : 0
    const w =
      l.cc === 'superior' ? 0.2 * L.heightMidMm : l.cc === 'inferior' ? -0.2 * L.heightMidMm : 0
    fr = L.frame
    const want = toWorld(L.frame, u, v, w)
    const skip = (d: Vec3): boolean =>
      (l.posteriorWallBreach === true && d[1] > 0.45) ||
      (l.endplateDestruction === 'superior' && d[2] > 0.5) ||
      (l.endplateDestruction === 'inferior' && d[2] < -0.5) ||
      (l.pedicleInvolvement === true && d[1] > 0.5 && d[0] * sideSign > 0.2)
    // Pull medially (keeping the antero-posterior and cranio-caudal position) if that makes it fit;
    // otherwise pull towards the body centre.
    const interior = offset(vm.body, -INTERIOR_MARGIN_MM)
    const medial = fitInside(fr, semi, want, toWorld(L.frame, 0, v, w), interior, skip)
    centre = medial.fits ? medial.p : fitInside(fr, semi, want, L.frame.o, interior, skip).p
    const loc = (p: Vec3): Vec3 => {
      const d: Vec3 = [p[0] - L.frame.o[0], p[1] - L.frame.o[1], p[2] - L.frame.o[2]]
      const f = L.frame
      return [
        d[0] * f.u[0] + d[1] * f.u[1] + d[2] * f.u[2],
        d[0] * f.v[0] + d[1] * f.v[1] + d[2] * f.v[2],
        d[0] * f.w[0] + d[1] * f.w[1] + d[2] * f.w[2],
      ]
    }
    const cl = loc(centre)
    const parts: string[] = []
    if (l.posteriorWallBreach) {
      const bc = toWorld(L.frame, cl[0], m.endplateDepthMm / 2, cl[2])
      const breach = ellipsoid(
        { ...L.frame, o: bc },
        0.3 * l.sizeMm,
        2 + EPIDURAL_EXTENSION_MM,
        0.28 * l.sizeMm,
      )
      extras.push({
        shape: intersect(breach, negate(host, breach.box)),
        label: S.tumourSoftTissue,
        hu: lyticHu,
      })
      extras.push({ shape: breach, label: S.tumourLytic, hu: lyticHu })
      parts.push('posterior wall breach with epidural extension')
    }
    if (l.pedicleInvolvement && sideSign !== 0) {
      const P = pedicleLocal(L, sideSign)
      const ax = pedicleAxisLocal(m, sideSign)
      const a = toWorld(L.frame, P[0] - ax[0] * 10, P[1] - ax[1] * 10, P[2] - ax[2] * 10)
      const b = toWorld(L.frame, P[0] + ax[0] * 2, P[1] + ax[1] * 2, P[2] + ax[2] * 2)
      extras.push({
        shape: intersect(
          capsule(a, b, m.pedicleWidthMm / 2 - m.pedicleCortexMm),
          offset(host, -0.8),
        ),
        label: S.tumourLytic,
        hu: lyticHu,
      })
      parts.push('pedicle involvement')
    }
    if (l.endplateDestruction) {
      const sup = l.endplateDestruction === 'superior'
      const ec = toWorld(L.frame, cl[0], cl[1], (sup ? 1 : -1) * (L.heightMidMm / 2))
      extras.push({
        shape: ellipsoid({ ...L.frame, o: ec }, 0.35 * l.sizeMm, 0.3 * l.sizeMm, 3.5),
        label: S.tumourLytic,
        hu: lyticHu,
      })
      parts.push(`${l.endplateDestruction} endplate destruction`)
    }
    const ap = l.ap === 'anterior' ? 'anterior ' : l.ap === 'posterior' ? 'posterior ' : ''
    where = `${sideWord === 'midline' ? '' : sideWord + ' '}${ap}${l.bone} vertebral body`
    if ((l.collapsePercent ?? 0) > 0) parts.push(`${l.collapsePercent}% pathological collapse`)
    if (parts.length) where += ` (${parts.join(', ')})`
  }
  const ext = l.softTissueExtensionMm ?? 0
  if (ext > 0) {
    const out = softTissueDirection(l, fr, sideSign)
    const reach = l.bone === 'ilium' || l.bone === 'sacrum' ? semi[0] : 0
    const oc: Vec3 =
      l.bone === 'ilium' || l.bone === 'sacrum'
        ? [centre[0] + out[0] * reach, centre[1] + out[1] * reach, centre[2] + out[2] * reach]
        : surfacePoint(host, centre, out)
    const blob = ellipsoid(
      { o: oc, u: out, v: perp(out), w: [0, 0, 1] },
      ext + 2,
      0.42 * l.sizeMm,
      0.42 * l.sizeMm,
    )
    extras.unshift({
      shape: intersect(blob, negate(host, blob.box)),
      label: S.tumourSoftTissue,
      hu: lyticHu,
    })
  }
  const mainEll = ellipsoid({ ...fr, o: centre }, semi[0], semi[1], semi[2])
  const interior =
    l.bone === 'ilium' && l.site === 'wing' ? host : offset(host, -INTERIOR_MARGIN_MM)
  const main = intersect(mainEll, interior)
  const label = l.kind === 'blastic' ? S.tumourBlastic : S.tumourLytic
  const layer: Layer =
    l.kind === 'mixed'
      ? {
          shape: main,
          bands: [{ thicknessMm: 0.18 * l.sizeMm, label: S.tumourBlastic, hu: hu.tumourBlastic }],
          label: S.tumourLytic,
          hu: lyticHu,
          part,
          keepPart: true,
          onlyOver: BONE_LABELS,
        }
      : {
          shape: main,
          label,
          hu: l.kind === 'blastic' ? hu.tumourBlastic : lyticHu,
          part,
          keepPart: true,
          onlyOver: BONE_LABELS,
          ...(l.kind === 'blastic'
            ? { texture: { amplitudeHu: 90, cellMm: 3, seed: (ctx.seed + 5) >>> 0 } }
            : {}),
        }
  for (const e of extras) {
    const isSoft = e.label === S.tumourSoftTissue
    addLayer(model, 'lesions', {
      shape: e.shape,
      label: e.label,
      hu: e.hu,
      part,
      keepPart: true,
      ...(isSoft ? {} : { onlyOver: BONE_LABELS }),
    })
  }
  addLayer(model, 'lesions', layer)
  model.landmarks[`lesion.${l.id}.centre`] = centre
  const kindWord = l.kind === 'mixed' ? 'mixed lytic-blastic' : l.kind
  const hv = l.hypervascular ? ', hypervascular' : ''
  const st = ext > 0 ? `, ${ext} mm soft-tissue extension` : ''
  return {
    id: l.id,
    label,
    kind: l.kind,
    centreMm: centre,
    sizeMm: l.sizeMm,
    part,
    description: `${where}: ${l.sizeMm} mm ${kindWord} lesion${hv}${st}`,
  }
}

/** Radius of the lytic channel through the acetabular roof, mm [U]. */
const ROOF_DEFECT_RADIUS_MM = 4
/** Radius of the intraosseous drainage vein, mm [U] (intraosseous pelvic veins draining a lesion, 2–4 mm wide). */
const DRAINAGE_VEIN_RADIUS_MM = 1.6

/**
 * Leak routes of a lytic supra-acetabular lesion (cement leaks in 45.5 % of pelvic cementoplasties, FACTS
 * §2.1; into the joint and the veins, Cotten 1998, Maccauro 2008): a lytic channel from the lesion through
 * the subchondral roof to the articular cartilage (the plate under the cartilage is destroyed; the
 * cement model treats cartilage over destroyed bone as a route into the joint), and an intraosseous vein
 * from the lesion to the medial (pelvic) cortex, where it drains into the pelvic soft tissue. Painted only
 * over bone, so the bone's dimensions (ANATOMY.md) do not change.
 */
function acetabularRoutes(
  centre: Vec3,
  semi: Vec3,
  hip: HipBoneModel,
  s: number,
  lyticHu: number,
  veinHu: number,
): { shape: Shape; label: number; hu: number }[] {
  const H = hip.points.acetabulumCentre!
  const d: Vec3 = [H[0] - centre[0], H[1] - centre[1], H[2] - centre[2]]
  const len = Math.hypot(d[0], d[1], d[2]) || 1
  const u: Vec3 = [d[0] / len, d[1] / len, d[2] / len]
  const inner = Math.min(semi[0], semi[1], semi[2]) * 0.5
  const a: Vec3 = [centre[0] + u[0] * inner, centre[1] + u[1] * inner, centre[2] + u[2] * inner]
  // From inside the lesion, 3 mm above its centre (clear of a trocar aimed at the centre), medially out.
  const veinFrom: Vec3 = [centre[0] - s * 0.35 * semi[0], centre[1], centre[2] + 3]
  const veinTo: Vec3 = [centre[0] - s * (semi[0] + 25), centre[1] + 4, centre[2] + 7]
  return [
    // Towards the socket centre, kept inside the hip bone: it ends at the cartilage, not in the femur.
    {
      shape: intersect(capsule(a, H, ROOF_DEFECT_RADIUS_MM), hip.shape),
      label: S.tumourLytic,
      hu: lyticHu,
    },
    {
      shape: intersect(capsule(veinFrom, veinTo, DRAINAGE_VEIN_RADIUS_MM), hip.shape),
      label: S.venousPlexus,
      hu: veinHu,
    },
  ]
}

/** Outward direction of the soft-tissue component. */
function softTissueDirection(l: LesionSpec, fr: Frame, s: number): Vec3 {
  if (l.bone === 'ilium' || l.bone === 'sacrum') return l.bone === 'ilium' ? fr.u : [s || 1, 0, 0]
  const a = l.ap === 'anterior' ? -0.7 : l.ap === 'posterior' ? 0.3 : -0.2
  const d: Vec3 = [
    fr.u[0] * (s || 0.001) + fr.v[0] * a,
    fr.u[1] * (s || 0.001) + fr.v[1] * a,
    fr.u[2] * (s || 0.001) + fr.v[2] * a,
  ]
  const n = Math.hypot(d[0], d[1], d[2])
  return [d[0] / n, d[1] / n, d[2] / n]
}

/** Point where a ray from inside the host leaves it. */
function surfacePoint(host: Shape, from: Vec3, dir: Vec3): Vec3 {
  for (let t = 0; t < 80; t += 0.5) {
    const p: Vec3 = [from[0] + dir[0] * t, from[1] + dir[1] * t, from[2] + dir[2] * t]
    if (host.f(p[0], p[1], p[2]) >= 0) return p
  }
  return from
}

const perp = (d: Vec3): Vec3 => {
  const z: Vec3 = [0, 0, 1]
  const c: Vec3 = [d[1] * z[2] - d[2] * z[1], d[2] * z[0] - d[0] * z[2], d[0] * z[1] - d[1] * z[0]]
  const n = Math.hypot(c[0], c[1], c[2]) || 1
  return [c[0] / n, c[1] / n, c[2] / n]
}
