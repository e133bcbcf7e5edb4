/**
 * Turns an embolization run into the app's `ProcedureResult`: verdict, warnings with reasons, metrics
 * with sources, curves, polyline overlays and the panel's detail. Pure.
 */
import type { PolylineOverlay } from '../../../lib/fieldOverlay'
import type { Vec3 } from '../../../lib/vec3'
import type { DeviceOf } from '../../../plan'
import { segmentOpacities } from '../../../sim/embolization'
import type { ProcedureResult, SimMetric, SimSeries, SimWarning } from '../types'
import { agentName } from './agents'
import type { CaseGraph } from './caseGraph'
import { type ResolvedTip, catheterPath } from './catheterTip'
import type { DownstreamBranch, EmbolizationDetail, NonTargetRow } from './detail'
import { polyline, walkPolyline } from './overlays'
import { DSA_INJECTION, type EmbolizationRun } from './runEmbolization'

const ML_MIN = 60e6
const FLOW_UNCERTAINTY =
  'Radii, bed flows and pressures are textbook-scale assumptions [U]: flows within a factor of ~2; which vessels fill follows the graph exactly.'

const MODEL_NOTE =
  'Steady Hagen–Poiseuille flow in the case’s arterial graph (aorta 93 mmHg, beds to 5 mmHg, cranial ASA 85 mmHg [U]); contrast by plug flow with mixing at junctions and well-mixed beds (blush); particles lodge by size and fill beds up to 5 % of their tissue volume [U], with flow re-solved as they occlude; overflow refluxes into the parent’s other branches and up to the aorta; glue casts what it reaches within its polymerisation time [U]; coils occlude the tip segment. Tumour feeders leave the dorsal branch of the segmental arteries at the lesion’s level, each supplying the part of the tumour nearest to it [U]. Devascularization ≥ 70 % (FACTS §5.2, RCC) is adequate, ≥ 95 % complete [U]; occluding the artery of Adamkiewicz is a contraindication (FACTS §5.3). Catheters earlier in the plan are embolized first. Teaching model, not for clinical use.'

function downstreamBranches(
  cg: CaseGraph,
  run: EmbolizationRun,
  tipSeg: number,
): DownstreamBranch[] {
  const g = cg.graph
  const q = run.flowBefore.flowM3PerS
  const seg = g.segments[tipSeg]!
  const down = q[tipSeg]! >= 0 ? seg.to : seg.from
  const qTip = Math.abs(q[tipSeg]!) || 1
  return g.segments.flatMap((s, i) => {
    if (i === tipSeg || s.territory) return []
    const leaves = (s.from === down && q[i]! > 0) || (s.to === down && q[i]! < 0)
    return leaves
      ? [{ segment: i, name: s.name, kind: s.kind, flowSharePct: (100 * Math.abs(q[i]!)) / qTip }]
      : []
  })
}

function dsaFrame(cg: CaseGraph, run: EmbolizationRun): { centre: Vec3; pixelMm: number } {
  const g = cg.graph
  const lo: [number, number, number] = [Infinity, Infinity, Infinity]
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity]
  for (const s of run.filling) {
    const seg = g.segments[s]!
    if (seg.territory && seg.territory.kind !== 'tumour') continue
    for (const n of [seg.from, seg.to]) {
      const p = g.nodes[n]!.pWorldMm
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a]!, p[a]!)
        hi[a] = Math.max(hi[a]!, p[a]!)
      }
    }
  }
  if (!Number.isFinite(lo[0])) return { centre: cg.lesionCentreMm ?? [0, 0, 0], pixelMm: 0.75 }
  const centre: Vec3 = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2]
  const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) + 30
  // 256 px across 90–240 mm: 0.35–0.94 mm per pixel.
  return { centre, pixelMm: Math.min(240, Math.max(90, extent)) / DSA_SIZE }
}

/** Side of the DSA images, pixels. */
export const DSA_SIZE = 256

function overlaysOf(cg: CaseGraph, rt: ResolvedTip, run: EmbolizationRun): PolylineOverlay[] {
  const g = cg.graph
  const seg = g.segments[rt.tip.segment]!
  const down = run.flowBefore.flowM3PerS[rt.tip.segment]! >= 0 ? seg.to : seg.from
  const out: PolylineOverlay[] = [
    polyline(
      'catheter',
      'Catheter path from the femoral access',
      catheterPath(cg, rt.tip),
      '#ffd400',
      0.9,
      'The path follows the centrelines; catheter stiffness and vessel tortuosity are not modelled.',
    ),
  ]
  const filling = run.filling.filter((s) => s !== rt.tip.segment)
  if (filling.length > 0) {
    out.push(
      polyline(
        'downstream',
        'Vessels downstream of the tip (filling territory)',
        walkPolyline(g, filling, down, rt.tipMm),
        '#00d8ff',
        0.7,
        FLOW_UNCERTAINTY,
      ),
    )
  }
  const cord = run.filling.filter((s) =>
    ['adamkiewicz', 'radiculomedullary', 'anteriorSpinal'].includes(g.segments[s]!.kind),
  )
  if (cord.length > 0) {
    const start = g.segments[cord[0]!]!.from
    out.push(
      polyline(
        'cord-supply',
        'Spinal cord supply that fills from the tip',
        walkPolyline(g, cord, start),
        '#ff2020',
        0.9,
        FLOW_UNCERTAINTY,
      ),
    )
  }
  const all = g.segments.flatMap((x, i) => (x.territory ? [] : [i]))
  out.push(
    polyline(
      'arteries',
      'All arteries of the model (drawn and added branches)',
      walkPolyline(g, all, cg.accessNode),
      '#b0b8c0',
      0.4,
      FLOW_UNCERTAINTY,
      false,
    ),
  )
  if (run.state) {
    const emb = run.deliveries
      .flatMap((d) => d.embolizedSegments)
      .filter((s) => !g.segments[s]!.territory)
    if (emb.length > 0) {
      out.push(
        polyline(
          'embolized',
          'Embolized vessels',
          walkPolyline(g, [...new Set(emb)], g.segments[emb[0]!]!.from),
          '#ff40ff',
          1.0,
          FLOW_UNCERTAINTY,
        ),
      )
    }
  }
  return out
}

function blushSeries(cg: CaseGraph, run: EmbolizationRun): SimSeries {
  const x: number[] = []
  const y: number[] = []
  const yAfter: number[] = []
  for (let t = 0; t <= DSA_INJECTION.runS + 1e-9; t += 0.25) {
    x.push(t)
    const op = segmentOpacities(cg.graph, run.transport, t)
    y.push(cg.tumourBeds.reduce((a, s) => a + op[s]!, 0))
    if (run.transportAfter) {
      const o2 = segmentOpacities(cg.graph, run.transportAfter, t)
      yAfter.push(cg.tumourBeds.reduce((a, s) => a + o2[s]!, 0))
    }
  }
  const peak = Math.max(...y, 1e-12)
  return {
    id: 'blush',
    label: run.transportAfter
      ? 'Tumour blush before (and after, dashed line at its peak)'
      : 'Tumour blush',
    xLabel: 'time',
    xUnit: 's',
    yLabel: 'blush',
    yUnit: '% of peak',
    x,
    y: y.map((v) => (100 * v) / peak),
    ...(yAfter.length > 0
      ? {
          thresholds: [
            { value: (100 * Math.max(...yAfter)) / peak, label: 'peak after embolization' },
          ],
        }
      : {}),
  }
}

/** The `ProcedureResult` of an embolization run. */
export function buildResult(
  cg: CaseGraph,
  device: DeviceOf<'embolizationCatheter'>,
  rt: ResolvedTip,
  run: EmbolizationRun,
  elapsedMs: number,
): ProcedureResult<EmbolizationDetail> {
  const g = cg.graph
  const a = run.assessment
  const warnings: SimWarning[] = []
  const tipAt = rt.tipMm as [number, number, number]
  if (rt.selectivity === 'aortic') {
    warnings.push({
      severity: 'critical',
      message:
        'The tip is in the aorta: embolic agent would go to the whole lower body. Catheterise the segmental artery first.',
      atMm: tipAt,
    })
  }
  for (const f of run.positionFindings) {
    warnings.push({ severity: f.severity, message: f.message, atMm: tipAt })
  }
  for (const f of a?.findings ?? []) {
    if (f.code !== 'nonTargetEmbolization') {
      warnings.push({ severity: f.severity, message: f.message })
    }
  }
  const refusal = run.positionFindings.find((f) => f.severity === 'critical')?.message ?? null
  const hitsTumour = run.filling.some((s) => cg.tumourBeds.includes(s))
  if (!hitsTumour && cg.tumourBeds.length > 0) {
    warnings.push({
      severity: 'warning',
      message: `No tumour feeder fills from the ${rt.vesselName}: the agent would embolize normal territory only.`,
      atMm: tipAt,
    })
  }
  if (rt.offVesselMm > 2) {
    warnings.push({
      severity: 'info',
      message: `The tip was ${rt.offVesselMm.toFixed(1)} mm off the centreline; it was placed on the ${rt.vesselName}.`,
      atMm: tipAt,
    })
  }
  if (a) warnings.push({ severity: 'info', message: a.timingAdvice })
  // Traces below 1 µL and 1 % flow loss are round-off of the flow-split transport, not findings.
  const nonTarget: NonTargetRow[] = (a?.nonTarget ?? [])
    .map((n) => ({
      name: g.segments[n.segment]!.name,
      kind: n.kind,
      flowLossPct: n.flowLossPct,
      embolicUl: n.embolicM3 * 1e9,
    }))
    .filter((n) => n.flowLossPct >= 1 || n.embolicUl >= 1)
    .sort((x, y) => y.embolicUl - x.embolicUl)
  const describe = (n: NonTargetRow): string =>
    `${n.name}: flow −${n.flowLossPct.toFixed(0)} %, ${n.embolicUl.toFixed(0)} µL`
  if (nonTarget.length > 0 && nonTarget.length <= 3) {
    for (const n of nonTarget) {
      warnings.push({
        severity: 'warning',
        message: `Non-target embolization of the ${describe(n)}.`,
      })
    }
  } else if (nonTarget.length > 3) {
    warnings.push({
      severity: 'warning',
      message: `Non-target embolization of ${nonTarget.length} territories, most: ${nonTarget.slice(0, 3).map(describe).join('; ')}.`,
    })
  }
  const critical = warnings.find((w) => w.severity === 'critical')
  const acceptable = !critical
  const pct = a?.devascularizationPct ?? 0
  const grade = run.refused ? 'refused' : (a?.grade ?? 'partial')
  const where = `${rt.vesselName} (${rt.selectivity})`
  const verdict = run.refused
    ? `Refused: ${(refusal ?? 'the cord supply fills from this position').replace(/^Embolization refused: /, '')}`
    : critical
      ? `Critical: ${critical.message}`
      : `${grade[0]!.toUpperCase()}${grade.slice(1)} devascularization: ${pct.toFixed(0)} % of the tumour bed from the ${where}.`
  const q0 = cg.tumourBeds.reduce((s, b) => s + Math.max(0, run.flowBefore.flowM3PerS[b]!), 0)
  const q1 = cg.tumourBeds.reduce((s, b) => s + Math.max(0, run.flowAfter.flowM3PerS[b]!), 0)
  const reflux = run.deliveries.reduce((s, d) => s + d.refluxM3, 0)
  const accepted = run.deliveries.reduce((s, d) => s + d.acceptedM3, 0)
  const src52 = 'FACTS.md §5.2: > 70 % stain obliteration (RCC, 460 vs 750 mL blood loss)'
  const metrics: SimMetric[] = [
    { label: 'Devascularization', value: pct, unit: '%', digits: 0, source: src52 },
    {
      label: 'Tumour-bed flow before',
      value: q0 * ML_MIN,
      unit: 'mL/min',
      digits: 2,
      source:
        'Tumour perfusion (0.05 + 0.25 × vascularity) /min [U], vascularity 2 for RCC (PMC3806015)',
    },
    { label: 'Tumour-bed flow after', value: q1 * ML_MIN, unit: 'mL/min', digits: 2 },
    {
      label: 'Flow at the tip',
      value: Math.abs(run.flowBefore.flowM3PerS[rt.tip.segment]!) * ML_MIN,
      unit: 'mL/min',
      digits: 2,
      source: 'Poiseuille network flow [U radii]',
    },
    { label: 'Agent delivered', value: run.refused ? 0 : device.volumeMl, unit: 'mL', digits: 1 },
    { label: 'Accepted downstream', value: accepted * 1e6, unit: 'mL', digits: 2 },
    {
      label: 'Reflux',
      value: reflux * 1e6,
      unit: 'mL',
      digits: 2,
      source: 'Delivered minus what the downstream beds accept (5 % of tissue volume) [U]',
    },
    { label: 'Non-target territories', value: nonTarget.length, unit: '', digits: 0 },
  ]
  const series: SimSeries[] = [blushSeries(cg, run)]
  if (run.steps.length > 1) {
    series.push(
      {
        id: 'devascularization',
        label: 'Devascularization vs injected volume',
        xLabel: 'injected',
        xUnit: 'mL',
        yLabel: 'devascularization',
        yUnit: '%',
        x: run.steps.map((s) => s.injectedMl),
        y: run.steps.map((s) => s.devascularizationPct),
        thresholds: [
          { value: 70, label: 'adequate (70 %)' },
          { value: 95, label: 'complete (95 %)' },
        ],
      },
      {
        id: 'tumour-flow',
        label: 'Tumour-bed flow vs injected volume',
        xLabel: 'injected',
        xUnit: 'mL',
        yLabel: 'flow',
        yUnit: '% of baseline',
        x: run.steps.map((s) => s.injectedMl),
        y: run.steps.map((s) => s.tumourFlowPct),
      },
      {
        id: 'reflux',
        label: 'Reflux vs injected volume',
        xLabel: 'injected',
        xUnit: 'mL',
        yLabel: 'reflux',
        yUnit: 'mL',
        x: run.steps.map((s) => s.injectedMl),
        y: run.steps.map((s) => s.refluxMl),
      },
    )
  }
  const frame = dsaFrame(cg, run)
  const detail: EmbolizationDetail = {
    kind: 'embolization',
    graph: g,
    transport: run.transport,
    transportAfter: run.transportAfter,
    patencyAfter: run.state ? run.state.patency : null,
    views: [
      { id: 'ap', label: 'DSA, AP', angleDeg: 0 },
      { id: 'oblique', label: 'DSA, LAO 30°', angleDeg: 30 },
    ],
    dsaCentreMm: frame.centre,
    dsaPixelMm: frame.pixelMm,
    dsaSize: DSA_SIZE,
    injectionMlPerS: DSA_INJECTION.rateMlPerS,
    injectionS: DSA_INJECTION.durationS,
    tipSegment: rt.tip.segment,
    tipMm: rt.tipMm,
    selectivity: rt.selectivity,
    vesselName: rt.vesselName,
    downstream: downstreamBranches(cg, run, rt.tip.segment),
    fillingSegments: run.filling,
    refused: run.refused,
    refusalReason: refusal,
    devascularizationPct: pct,
    grade,
    timingAdvice: a?.timingAdvice ?? '',
    nonTarget,
    agentName: agentName(device.agent),
    deliveredMl: run.refused ? 0 : device.volumeMl,
    refluxMl: reflux * 1e6,
    refluxReachedAorta: run.deliveries.some((d) => d.refluxReachedAorta),
  }
  return {
    procedure: 'embolization',
    deviceId: device.id,
    verdict,
    acceptable,
    metrics,
    warnings,
    series,
    overlays: overlaysOf(cg, rt, run),
    durationS: DSA_INJECTION.runS,
    modelNote: MODEL_NOTE,
    elapsedMs,
    detail,
  }
}
