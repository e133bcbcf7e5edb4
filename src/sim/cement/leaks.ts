/**
 * Leak sites: connected cement outside the vertebral body, grouped by the pathway it entered and the voxel
 * where it left the body (location is a voxel index plus label, frame-independent). Severity follows the
 * clinical weight of each route (FACTS §2.2): canal/epidural and foraminal leaks threaten the cord and
 * roots, vena-cava cement means pulmonary-embolism risk (1.7% PE in Barragán-Campos 2006), venous leaks
 * are usually silent, disc, paravertebral and needle-track leaks mostly asymptomatic. Volume cut-offs [U].
 */
import { isLeakPathway, PATHWAY, PATHWAY_NAMES, type PathwayName } from './pathways'

/** Clinical weight of a leak. */
export type LeakSeverity = 'minor' | 'moderate' | 'major'

/** One leak site. */
export interface LeakSite {
  readonly id: number
  readonly pathway: PathwayName
  /** Flat index of the first leaked voxel on the simulation grid. */
  readonly entryVoxel: number
  /** Anatomy label of that voxel. */
  readonly entryLabel: number
  /** Time after mixing when cement first reached the site, s. */
  readonly firstTimeS: number
  /** Cement volume in the site, m³. */
  volumeM3: number
}

/**
 * Smallest leak counted as a leak, m³ (0.01 mL, a ~2.7 mm droplet: about what post-procedure CT shows, and
 * four voxels of a 1.4 mm grid) [U]. Smaller traces are partly filled front voxels, below the model's
 * resolution; leak statistics and warnings ignore them.
 */
export const LEAK_VISIBLE_M3 = 1e-8

/** Leak volume above which a site's severity goes up one level, m³ (0.3 mL) [U]. */
export const LEAK_LARGE_M3 = 0.3e-6

/** Severity of a leak site from its pathway and volume. */
export function leakSeverity(site: LeakSite): LeakSeverity {
  const big = site.volumeM3 > LEAK_LARGE_M3
  switch (site.pathway) {
    case 'epidural':
    case 'foramen':
    case 'ivc':
      return 'major'
    case 'venous':
      return big ? 'major' : 'moderate'
    case 'disc':
    case 'paravertebral':
    case 'needleTrack':
      return big ? 'moderate' : 'minor'
    // Intra-articular cement can damage the joint (one of 18 acetabula worsened, Cotten 1998, FACTS §2.1).
    case 'joint':
      return big ? 'major' : 'moderate'
    case 'body':
    case 'barrier':
      return 'minor'
  }
}

/**
 * Assigns the leak site of voxel `v` when cement first reaches it: it joins a neighbouring site of the same
 * pathway, or opens a new one. Returns the site id, or −1 when `v` is not a leak pathway.
 */
export function assignLeakSite(
  pathway: Uint8Array,
  labels: Uint8Array,
  leakSiteOf: Int32Array,
  leaks: LeakSite[],
  dims: readonly [number, number, number],
  v: number,
  timeS: number,
): number {
  const code = pathway[v]
  if (!isLeakPathway(code)) return -1
  const [nx, ny, nz] = dims
  const i = v % nx
  const j = Math.floor(v / nx) % ny
  const k = Math.floor(v / (nx * ny))
  const nbrs = [
    i > 0 ? v - 1 : -1,
    i < nx - 1 ? v + 1 : -1,
    j > 0 ? v - nx : -1,
    j < ny - 1 ? v + nx : -1,
    k > 0 ? v - nx * ny : -1,
    k < nz - 1 ? v + nx * ny : -1,
  ]
  for (const u of nbrs) {
    if (u >= 0 && leakSiteOf[u] >= 0 && pathway[u] === code) {
      leakSiteOf[v] = leakSiteOf[u]
      return leakSiteOf[v]
    }
  }
  const id = leaks.length
  leaks.push({
    id,
    pathway: PATHWAY_NAMES[code] ?? 'barrier',
    entryVoxel: v,
    entryLabel: labels[v],
    firstTimeS: timeS,
    volumeM3: 0,
  })
  leakSiteOf[v] = id
  return id
}

/** Leaked volume per pathway, m³ (sites summed). */
export function leakVolumeByPathway(leaks: readonly LeakSite[]): Record<PathwayName, number> {
  const out = Object.fromEntries(PATHWAY_NAMES.map((p) => [p, 0])) as Record<PathwayName, number>
  for (const s of leaks) out[s.pathway] += s.volumeM3
  return out
}

/** True when any site of a vascular pathway holds more than `minM3`. */
export const hasVascularLeak = (leaks: readonly LeakSite[], minM3 = 0): boolean =>
  leaks.some(
    (s) =>
      (s.pathway === PATHWAY_NAMES[PATHWAY.venous] || s.pathway === 'ivc') && s.volumeM3 > minM3,
  )
