/**
 * Expert plans of the built-in cases, built from each phantom's landmarks, lesions and vessels (so they stay
 * right when the anatomy is refined). Device parameters come from FACTS.md via the plan core's defaults
 * unless a case needs otherwise (section cited where set). Pure; LPS mm.
 */
import { S } from '../../lib/anatomy'
import { add, cross, distance, dot, normalize, scale, sub, type Vec3 } from '../../lib/vec3'
import {
  createDevice,
  PLAN_VERSION,
  type Device,
  type DeviceOf,
  type Plan,
  type Protection,
  type Target,
} from '../../plan'
import type { LesionInfo, Phantom } from '../phantom'
import { bestApproach, exitPoint, sphereDirections } from './approach'
import { clearestCryoPath, nervePoints } from './cryoClearance'
import { TUMOUR_LABELS, labelAt, lesionLevel, lesionRegion } from './caseVolume'
import { phantomToVolume } from '../catalog'
import { catheterTargets } from '../simulate/embolization/targets'
import { suppliesCord } from './embolizationChecks'
import { ectPlacement } from './ectPlacement'
import { hifuPlacement } from './hifuPlacement'
import { JOINT_LABELS, nearestLabelVoxel } from './jointChecks'
import { CEMENT_RANGES_ML } from './rubrics'

/** Tip advance of the L3 antenna beyond the point nearest the lesion centre, mm (see `l3Plan`). */
const MW_TIP_ADVANCE_MM = 8
/** Tip advance of the T11 cement trocar beyond the pedicle-axis point nearest the lesion centre, mm. */
const CRYO_TIP_ADVANCE_MM = 4

const r3 = (p: Vec3): [number, number, number] => [
  Math.round(p[0] * 1000) / 1000,
  Math.round(p[1] * 1000) / 1000,
  Math.round(p[2] * 1000) / 1000,
]

function mainLesion(p: Phantom): LesionInfo {
  const l = p.lesions[0]
  if (!l) throw new Error('expertPlan: the phantom has no lesion')
  return l
}

function landmark(p: Phantom, key: string): Vec3 {
  const m = p.landmarks[key]
  if (!m) throw new Error(`expertPlan: the phantom has no landmark "${key}"`)
  return m
}

/** Patient side of a point: +L in LPS is the patient's left. */
const sideOf = (pMm: Vec3): 'L' | 'R' => (pMm[0] >= 0 ? 'L' : 'R')

/** Label targets for every tumour label of the lesion (intra-osseous, blastic, soft-tissue extension). */
function lesionTargets(p: Phantom, lesion: LesionInfo): Target[] {
  const region = lesionRegion(p, lesion)
  const present = new Set<number>()
  for (let i = 0; i < region.length; i++) {
    if (region[i] !== 0 && TUMOUR_LABELS.includes(p.labels[i]!)) present.add(p.labels[i]!)
  }
  const names: Record<number, string> = {
    [S.tumourLytic]: 'lytic part',
    [S.tumourBlastic]: 'blastic part',
    [S.tumourSoftTissue]: 'soft-tissue extension',
  }
  return TUMOUR_LABELS.filter((l) => present.has(l)).map((labelId) => ({
    kind: 'label',
    id: `${lesion.id}-${labelId}`,
    label: `Lesion ${lesion.id}, ${names[labelId] ?? 'tumour'}`,
    labelId,
    lesionId: lesion.id,
  }))
}

/** Point of the line a→b (extended) nearest to q. */
function nearestOnLine(a: Vec3, b: Vec3, q: Vec3): Vec3 {
  const d = normalize(sub(b, a))
  return add(a, scale(d, dot(sub(q, a), d)))
}

/** Transpedicular path of a vertebral lesion: skin entry and the point of the pedicle axis nearest the lesion. */
function pediclePath(p: Phantom, lesion: LesionInfo, side: 'L' | 'R'): { entry: Vec3; tip: Vec3 } {
  const lvl = lesionLevel(p, lesion)
  if (!lvl) throw new Error('expertPlan: the lesion is not in a vertebra')
  const entry = landmark(p, `${lvl}.skinEntry.${side}`)
  const target = landmark(p, `${lvl}.pedicleTarget.${side}`)
  return { entry, tip: nearestOnLine(entry, target, lesion.centreMm) }
}

function basePlan(caseId: string, title: string, notes: string): Plan {
  return {
    version: PLAN_VERSION,
    title,
    notes,
    scan: { kind: 'builtin', caseId },
    targets: [],
    devices: [],
    protections: [],
  }
}

const thermocouple = (id: string, label: string, pointMm: Vec3): Protection => ({
  kind: 'thermocouple',
  id,
  label,
  pointMm: r3(pointMm),
  // Nerves should stay between 10 and 45 °C (FACTS.md §1.1, Sag & Husain 2022).
  alarmLowC: 10,
  alarmHighC: 45,
})

/**
 * CO₂ insufflated next to the L3 canal, mL: the gas pocket (radius ≈ 13 mm) fills the epidural fat between
 * the posterior wall and the roots of the lateral recess and foramen (FACTS.md §1.5: CO₂ dissection, Buy
 * 2009; Tsoumakidou 2013). Under the full microwave model 5 mL left the foraminal root at 48 °C; 10 mL keeps
 * every root below 40 °C (55 °C without CO₂).
 */
const L3_CO2_ML = 10

/** Lesion-side epidural point: a fifth of the way from the canal centre to the body, halfway to the pedicle. */
function l3EpiduralPoint(p: Phantom, lvl: string, side: 'L' | 'R'): Vec3 {
  const canal = landmark(p, `${lvl}.canalCentre`)
  const front = add(canal, scale(sub(landmark(p, `${lvl}.bodyCentre`), canal), 0.2))
  const pedicle = landmark(p, `${lvl}.pedicle.${side}`)
  return [(canal[0] + pedicle[0]) / 2, front[1], front[2]]
}

function l3Plan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const side = sideOf(lesion.centreMm)
  const lvl = lesionLevel(p, lesion) ?? 'L3'
  const path = pediclePath(p, lesion, side)
  const axis = normalize(sub(path.tip, path.entry))
  // The preview zone's centre sits behind the tip (towards the hub): advance the tip so that it is centred.
  const tip = add(path.tip, scale(axis, MW_TIP_ADVANCE_MM))
  const mw = createDevice('mwAntenna', path.entry, tip, { id: 'mw-1' })
  // Coaxial through the trocar; 30 W keeps the posterior wall < 60 °C for ~4 min (FACTS.md §1.5, Nijland
  // 2024); 10 min to cover the 22 mm lesion (bone MWA: 1–13 min in total, FACTS.md §1.4 Kastler). The tip
  // sits 8 mm past the point nearest the lesion centre so that the heating (10 mm behind the tip) stays
  // in the lesion rather than in the pedicle next to the exiting root. (8 min with the tip 6 mm past
  // covered 81 % on the preview once the in-vivo calibration perfusion rose to 1.2e-2 s⁻¹.)
  const antenna: Device = { ...mw, powerW: 30, durationS: 600 }
  const trocar: Device = {
    ...createDevice('cementTrocar', path.entry, path.tip, { id: 'trocar-1' }),
    // ≥ 4.5 mL improved pain relief (FACTS.md §2.1, PMC3804705), inside the lumbar 3–6 mL range.
    volumeMl: 4.5,
  }
  return {
    ...basePlan(
      caseId,
      `Expert plan: ${lvl} microwave ablation and vertebroplasty`,
      'Transpedicular 11 G access through the lesion-side pedicle; microwave antenna at 30 W for 10 min coaxially; the lesion reaches the posterior wall, so 10 mL of CO₂ in the lesion-side epidural space and lateral recess insulates the roots, with a thermocouple at the exiting root; high-viscosity cement after ablation.',
    ),
    targets: lesionTargets(p, lesion),
    devices: [antenna, trocar],
    protections: [
      {
        kind: 'co2Dissection',
        id: 'co2-1',
        label: 'Epidural CO₂ (lateral recess)',
        pointMm: r3(l3EpiduralPoint(p, lvl, side)),
        volumeMl: L3_CO2_ML,
      },
      thermocouple('tc-1', `${lvl} foramen (${side})`, landmark(p, `${lvl}.ganglion.${side}`)),
    ],
  }
}

/**
 * Tip offsets of the T11 cryoprobes from the lesion centre, LPS mm: a triangle 9.4–12.8 mm apart (≤ 2 cm,
 * FACTS.md §1.4 PMC4850244; §8.3) in the anterior and middle parts of the lytic lesion, ≥ 17 mm from the
 * cord and roots; mirrored for a left-sided lesion. Nerve safety comes first (FACTS.md §6.4: cord and roots
 * stay between 10 and 45 °C): in this phantom the epidural extension touches the cord and a root with no
 * fat or CSF between, so lethal ice over it would freeze them. The probes ablate the rest and leave the
 * epidural part and the posterior wall next to the canal unfrozen (cement consolidates; radiotherapy
 * treats the epidural remnant). Chosen by a search over tip triangles and the full cryo simulation
 * (src/cases/simulate/thermal): the previous triangle ([-10,-2,0], [5,-8,0], [5,-2,6]) with 100 % lethal
 * cover froze the cord to 2.4 °C and a root to −37 °C.
 */
const T11_TIP_OFFSETS_MM: readonly Vec3[] = [
  [0, -10, 0],
  [-8, -2, 2],
  [4, -4, 6],
]

/** Directions searched for the T11 probe paths: posterior (+P in LPS, ≥ 20° behind the coronal plane) and within ~20° of the axial plane, so that no path crosses a disc or endplate. */
const T11_DIRECTIONS: readonly Vec3[] = sphereDirections(600).filter(
  (d) => d[1] > 0.35 && Math.abs(d[2]) < 0.35,
)

/**
 * Highest path cost accepted for a T11 probe (see `pathCost`: 100 per warning plus the length, mm): no
 * critical finding and at most six near misses (pleura, rib heads, segmental vessels), so that the path
 * can swing lateral and keep its 40 mm freezing segment ≥ 10 mm from the canal and the foramina.
 */
const T11_MAX_PATH_COST = 700

/**
 * T11 freeze–thaw protocol: freeze 5 – active thaw 5 – freeze 5 min. The usual 10–5–10 min (FACTS.md
 * §1.4) froze the T11 root below 10 °C in the full simulation even with every freezing segment ≥ 10 mm
 * from the nerves; two cycles are kept for cell kill (FACTS.md §1.4 [D]), the thaw is active so that the
 * second freeze starts from thawed tissue, and the epidural thermocouple watches the 10 °C limit.
 */
const T11_PROTOCOL = { freeze1Min: 5, thawMin: 5, freeze2Min: 5, thawMode: 'active' } as const

function t11Plan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const side = sideOf(lesion.centreMm)
  const lvl = lesionLevel(p, lesion) ?? 'T11'
  const mirror = side === 'R' ? 1 : -1
  const nerves = nervePoints(p, lesion.centreMm, 70)
  // Three probes (more probes give larger lethal ice, Littrup 2009, FACTS.md §1.4): each on the path whose
  // freezing segment stays farthest from the cord and roots.
  const probes = T11_TIP_OFFSETS_MM.map((o, i) => {
    const tip = add(lesion.centreMm, [mirror * o[0], o[1], o[2]])
    const best = clearestCryoPath(p, tip, T11_DIRECTIONS, nerves, 13, T11_MAX_PATH_COST)
    if (!best) throw new Error('expertPlan: no safe T11 cryoprobe path found')
    return { id: `p${i + 1}`, entryMm: r3(best.entryMm), tipMm: r3(tip), gauge: 13 }
  })
  const first = probes[0]!
  const cryo = createDevice('cryoprobeSet', first.entryMm, first.tipMm, { id: 'cryo-1' })
  // Cement through the lesion-side pedicle, tip advanced past the point nearest the lesion centre.
  const ped = pediclePath(p, lesion, side)
  const a = {
    entry: ped.entry,
    tip: add(ped.tip, scale(normalize(sub(ped.tip, ped.entry)), CRYO_TIP_ADVANCE_MM)),
  }
  const trocar: Device = {
    ...createDevice('cementTrocar', a.entry, a.tip, { id: 'trocar-1' }),
    volumeMl: 3,
  }
  const canal = landmark(p, `${lvl}.canalCentre`)
  const body = landmark(p, `${lvl}.bodyCentre`)
  // The epidural space just behind the posterior wall: a third of the way from the canal centre to the body.
  const epidural = add(canal, scale(sub(body, canal), 0.33))
  return {
    ...basePlan(
      caseId,
      `Expert plan: ${lvl} cryoablation sparing the cord and roots, with epidural protection and vertebroplasty`,
      'Three cryoprobes 0.9–1.3 cm apart in the anterior and middle lesion, on paths whose 4 cm freezing segments stay ≥ 1 cm from the cord and roots (freeze 5 – active thaw 5 – freeze 5 min); the epidural part touching the cord and a root is deliberately left unfrozen (nerves must stay above 10 °C; radiotherapy for the remnant); epidural CO₂ dissection and thermocouples at the canal and the exiting root; high-viscosity cement through the lesion-side pedicle after thawing.',
    ),
    targets: lesionTargets(p, lesion),
    devices: [{ ...cryo, probes, protocol: { ...T11_PROTOCOL } }, trocar],
    protections: [
      {
        kind: 'co2Dissection',
        id: 'co2-1',
        label: 'Epidural CO₂',
        pointMm: r3(epidural),
        volumeMl: 20,
      },
      thermocouple('tc-1', `${lvl} epidural space`, epidural),
      thermocouple('tc-2', `${lvl} foramen (${side})`, landmark(p, `${lvl}.ganglion.${side}`)),
    ],
  }
}

/** Offsets of n parallel probes around an axis: a centred triangle (n = 3) at the given spacing. */
function triangle(axis: Vec3, spacingMm: number): Vec3[] {
  const helper: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]
  const u = normalize(cross(axis, helper))
  const w = cross(axis, u)
  const r = spacingMm / Math.sqrt(3)
  return [0, 1, 2].map((n) => {
    const t = (2 * Math.PI * n) / 3
    return add(scale(u, r * Math.cos(t)), scale(w, r * Math.sin(t)))
  })
}

/** Shift of the acetabular probe triangle away from the joint (superior), mm; see `acetabulumPlan`. */
const ACETABULUM_SHIFT_MM = 4

/** How far from the ice centre the hip joint is looked for to place its thermocouple, mm. */
const JOINT_SEARCH_FOR_PROBE_MM = 40

/** True when the segment entry→tip passes through a voxel of `label` (0.5 mm steps). */
function crossesLabel(p: Phantom, entry: Vec3, tip: Vec3, label: number): boolean {
  const len = distance(entry, tip)
  const dir = normalize(sub(tip, entry))
  for (let s = 0; s <= len; s += 0.5) {
    if (labelAt(p, add(entry, scale(dir, s))) === label) return true
  }
  return false
}

function acetabulumPlan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const c = lesion.centreMm
  // 1.5 cm spacing: optimal 1.5–2 cm, 1–1.5 cm clinically (FACTS.md §1.4, PMC4850244).
  const spacing = 15
  // Triangle centre moved away from the hip joint (+S) so that less ice reaches the articular cartilage;
  // palliative intent accepts ≥ 90 % cover (rubric 'coverage'). The lesion abuts the cartilage, so the
  // joint is still within 1 cm of the ice: a thermocouple watches it (FACTS.md §6.4, below).
  const centre = add(c, [0, 0, ACETABULUM_SHIFT_MM])
  const needles = (dir: Vec3): { entry: Vec3; tip: Vec3 }[] | null => {
    const out: { entry: Vec3; tip: Vec3 }[] = []
    for (const o of triangle(dir, spacing)) {
      const tip = add(add(centre, o), scale(dir, -lesion.sizeMm / 4))
      const entry = exitPoint(p, tip, dir)
      if (!entry || crossesLabel(p, entry, tip, S.cartilage)) return null
      out.push({ entry, tip })
    }
    return out
  }
  const best = bestApproach(p, sphereDirections(160), needles, 13)
  if (!best) throw new Error('expertPlan: no safe cryoprobe approach found')
  const set = needles(best.dir) ?? []
  const first = set[0]!
  const cryo = createDevice('cryoprobeSet', first.entry, first.tip, { id: 'cryo-1' })
  const probes = set.map((n, i) => ({
    id: `p${i + 1}`,
    entryMm: r3(n.entry),
    tipMm: r3(n.tip),
    gauge: 13,
  }))
  const tTip = add(c, scale(best.dir, -lesion.sizeMm / 8))
  const tEntry = exitPoint(p, tTip, best.dir) ?? first.entry
  // Pelvic fills average 54.8 % of the lesion (FACTS.md §2.1); half the lesion sphere, within range.
  const sphereMl = ((Math.PI / 6) * lesion.sizeMm ** 3) / 1000
  const [lo, hi] = CEMENT_RANGES_ML.pelvic
  const trocar: Device = {
    ...createDevice('cementTrocar', tEntry, tTip, { id: 'trocar-1' }),
    approach: 'extrapedicular',
    volumeMl: Math.round(Math.min(hi, Math.max(lo, 0.5 * sphereMl)) * 10) / 10,
  }
  // Thermocouple at the joint (cartilage or joint space) nearest the centre of the ice: thermoprotection is
  // due when a critical structure is within about 1 cm (FACTS.md §6.4; Tsoumakidou 2013, §1.5).
  const iceCentre = scale(
    set.reduce<Vec3>((s, n) => add(s, n.tip), [0, 0, 0]),
    1 / set.length,
  )
  const joint = nearestLabelVoxel(p, iceCentre, JOINT_LABELS, JOINT_SEARCH_FOR_PROBE_MM)
  return {
    ...basePlan(
      caseId,
      'Expert plan: supra-acetabular cryoablation and acetabuloplasty',
      'Three parallel cryoprobes 1.5 cm apart on a path clear of the sciatic nerve, vessels and joint; a thermocouple at the hip joint surface nearest the ice (warm saline if it cools below 10 °C); acetabuloplasty through an 11 G trocar after thawing.',
    ),
    targets: lesionTargets(p, lesion),
    devices: [{ ...cryo, probes }, trocar],
    protections: joint ? [thermocouple('tc-1', 'Hip joint surface', joint.pointMm)] : [],
  }
}

function wingPlan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const { entry, focus, offsets } = hifuPlacement(p, lesion)
  const base = createDevice('hifuTransducer', entry, focus, { id: 'hifu-1' })
  const son = base.sonications[0]!
  return {
    ...basePlan(
      caseId,
      'Expert plan: MR-guided focused ultrasound of the iliac-wing lesion',
      'Focus on the cortex under the lesion for periosteal denervation, beam perpendicular to the bone through a window clear of gas, bowel and nerves; 60 W × 25 s sonications.',
    ),
    targets: lesionTargets(p, lesion),
    devices: [{ ...base, sonications: offsets.map((o) => ({ ...son, offsetMm: r3(o) })) }],
  }
}

function t12Plan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const lvl = lesionLevel(p, lesion)
  const side = sideOf(lesion.centreMm)
  const segmental = p.vessels.filter(
    (v) =>
      (v.kind === 'intercostalArtery' || v.kind === 'lumbarArtery') &&
      v.level === lvl &&
      !suppliesCord(v, p.vessels),
  )
  // Every safe feeder of the level, lesion side first: the contralateral segmental artery also feeds a
  // vertebral-body lesion, and one catheter leaves about a third of the tumour bed perfused (measured:
  // 63 % with the left feeder alone, 99 % with both). Tips at the tumour feeders (superselective, the
  // positions the embolization panel offers); volumes titrated to near-stasis in the model (the left
  // feeder supplies ~60 % of the bed: more than 0.45 mL overflows into the body wall).
  const safe = new Set(segmental.map((v) => v.id))
  const feeders = catheterTargets(phantomToVolume(caseId, caseId, p, true))
    .filter((t) => t.group === 'feeder' && safe.has(t.vesselId))
    .sort(
      (a, b) => Number(b.vesselId.endsWith(`.${side}`)) - Number(a.vesselId.endsWith(`.${side}`)),
    )
  if (feeders.length === 0) throw new Error('expertPlan: no safe feeding segmental artery')
  const access = p.vessels.find((v) => v.id === 'iliacArtery.R')?.points.at(-1) ?? [-80, -70, -400]
  const devices = feeders.map((t, i): DeviceOf<'embolizationCatheter'> => ({
    ...createDevice('embolizationCatheter', access, t.tipMm, { id: `embo-${i + 1}` }),
    vesselId: t.vesselId,
    tipAlongVessel: t.tipAlongVessel,
    volumeMl: i === 0 ? 0.45 : 0.5,
  }))
  return {
    ...basePlan(
      caseId,
      `Expert plan: preoperative embolization of the ${lvl ?? ''} feeders`,
      'Spinal angiography first: the artery of Adamkiewicz arises elsewhere; superselective PVA 300–500 µm into the lesion-side tumour feeder, then the contralateral one of the same level (both feed the vertebral body), each to near-stasis; surgery within 24 h.',
    ),
    targets: lesionTargets(p, lesion),
    devices,
  }
}

function sacrumPlan(caseId: string, p: Phantom): Plan {
  const lesion = mainLesion(p)
  const d = ectPlacement(p, lesion)
  return {
    ...basePlan(
      caseId,
      'Expert plan: electrochemotherapy of the sacral-ala lesion',
      'Hexagonal array (centre + 6) around the lesion from a posterior approach clear of the S1 root; 1000 V/cm per pair; pulses 10 min after the bleomycin bolus.',
    ),
    targets: lesionTargets(p, lesion),
    devices: [d],
  }
}

const BUILDERS: Readonly<Record<string, (caseId: string, p: Phantom) => Plan>> = {
  'l3-rcc-lytic': l3Plan,
  't11-breast-breach': t11Plan,
  'acetabulum-lung-cryo': acetabulumPlan,
  'iliac-wing-mrgfus': wingPlan,
  't12-rcc-embolization': t12Plan,
  'sacral-ala-ect': sacrumPlan,
}

/** Ids of the cases that have an expert plan. */
export const EXPERT_CASE_IDS: readonly string[] = Object.keys(BUILDERS)

/** The expert plan of a built-in case on its phantom; throws for a case without one. */
export function expertPlan(caseId: string, phantom: Phantom): Plan {
  const build = BUILDERS[caseId]
  if (!build) throw new Error(`There is no expert plan for case "${caseId}".`)
  return build(caseId, phantom)
}
