/**
 * The ROI's tissue map with the plan's protective measures applied: hydrodissection and CO₂ dissection
 * from the plan's protections (a pocket of the planned volume around the injection point) and, from the
 * run options, saline or gas pockets and circulating warm/cool saline held at a temperature. Uses the
 * physics core's `layerMask`/`applyProtection` (fluid and gas replace displaceable tissue; never bone,
 * vessels, tumour, nerves or the thecal sac). Pure.
 */
import { S } from '../../../lib/anatomy'
import type { Vec3 } from '../../../lib/vec3'
import { lpsToSimM, type Plan } from '../../../plan'
import type { HeldRegion } from '../../../sim/bioheat/pennes'
import { applyProtection, layerMask, type ProtectionLayer } from '../../../sim/bioheat/protection'
import type { TissueThermal } from '../../../sim/bioheat/tissueProperties'
import type { OptionProtection } from './options'
import type { Roi } from './roi'

/** Structures a fluid or gas pocket never replaces (it flows around them). */
export const PROTECTED_FROM_FILLING: readonly number[] = [
  S.spinalCord,
  S.caudaEquina,
  S.nerveRoot,
  S.sciaticNerve,
  S.csf,
]

/** One protective measure as applied to the run. */
export interface AppliedProtection {
  readonly id: string
  readonly kind: 'hydrodissection' | 'co2' | 'thermalSaline'
  readonly pointMm: Vec3
  readonly radiusMm: number
  /** Voxels the pocket filled in the ROI (0: outside the ROI or nothing to fill). */
  readonly voxels: number
  readonly heldTempC?: number
  readonly from: 'plan' | 'options'
}

/** The edited tissue map. */
export interface RunTissueMap {
  /** Labels with the protection media written in (the ROI's own labels stay for anatomy). */
  readonly labels: Uint8Array
  readonly materials: TissueThermal[]
  readonly sigmaByLabel: Float32Array
  readonly heldRegions: HeldRegion[]
  readonly applied: readonly AppliedProtection[]
}

/** Radius of a ball of `volumeMl`, mm. */
export const ballRadiusMm = (volumeMl: number): number =>
  Math.cbrt((3 * volumeMl * 1000) / (4 * Math.PI))

interface Pocket {
  readonly id: string
  readonly kind: AppliedProtection['kind']
  readonly pointMm: Vec3
  readonly radiusMm: number
  readonly fluid?: 'saline' | 'dextrose5'
  readonly heldTempC?: number
  readonly from: 'plan' | 'options'
}

/** Applies the plan's and the options' protective measures to the ROI's tissue map. */
export function runTissueMap(
  roi: Roi,
  plan: Plan,
  extra: readonly OptionProtection[],
): RunTissueMap {
  const pockets: Pocket[] = []
  for (const p of plan.protections) {
    if (p.kind === 'hydrodissection') {
      pockets.push({
        id: p.id,
        kind: 'hydrodissection',
        pointMm: p.pointMm,
        radiusMm: ballRadiusMm(p.volumeMl),
        fluid: p.fluid,
        from: 'plan',
      })
    } else if (p.kind === 'co2Dissection') {
      pockets.push({
        id: p.id,
        kind: 'co2',
        pointMm: p.pointMm,
        radiusMm: ballRadiusMm(p.volumeMl),
        from: 'plan',
      })
    }
  }
  for (const p of extra) {
    pockets.push({
      id: p.id,
      kind: p.kind === 'co2' ? 'co2' : p.kind === 'saline' ? 'hydrodissection' : 'thermalSaline',
      pointMm: p.pointMm,
      radiusMm: p.radiusMm,
      ...(p.kind === 'thermalSaline' ? { heldTempC: p.tempC ?? 37 } : {}),
      from: 'options',
    })
  }
  const layers: ProtectionLayer[] = pockets.map((p) => ({
    kind: p.kind === 'co2' ? 'co2' : 'hydrodissection',
    mask: layerMask(roi.grid, roi.labels, {
      centreM: lpsToSimM(roi.geometry, p.pointMm),
      radiusM: p.radiusMm / 1000,
      protect: PROTECTED_FROM_FILLING,
    }),
    ...(p.fluid ? { fluid: p.fluid } : {}),
    ...(p.heldTempC !== undefined ? { heldTempC: p.heldTempC } : {}),
  }))
  const map = applyProtection({ labels: roi.labels }, layers)
  return {
    labels: map.labels,
    materials: map.materials,
    sigmaByLabel: map.sigmaByLabel,
    heldRegions: map.heldRegions,
    applied: pockets.map((p, n) => ({
      id: p.id,
      kind: p.kind,
      pointMm: p.pointMm,
      radiusMm: p.radiusMm,
      voxels: map.layerVoxels[n] ?? 0,
      ...(p.heldTempC !== undefined ? { heldTempC: p.heldTempC } : {}),
      from: p.from,
    })),
  }
}
