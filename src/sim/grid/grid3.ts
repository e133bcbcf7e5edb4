/**
 * The simulation grid: a regular 3-D grid in SI units. Pure; no DOM. Memory layout is x fastest:
 * index = i + nx·(j + ny·k) (STYLE.md 3.2). The grid's axes are the CT volume's i, j, k axes; conversion from
 * imaging millimetres happens once at the plan → sim boundary.
 */
export interface Grid3 {
  readonly nx: number
  readonly ny: number
  readonly nz: number
  /** Voxel size along i, j, k in metres. */
  readonly spacingM: readonly [number, number, number]
}

/** Creates a grid, validating its dimensions. */
export function createGrid3(
  nx: number,
  ny: number,
  nz: number,
  spacingM: readonly [number, number, number],
): Grid3 {
  for (const n of [nx, ny, nz]) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`createGrid3: bad dimension ${n}`)
  }
  for (const s of spacingM) {
    if (!(s > 0) || !Number.isFinite(s)) throw new Error(`createGrid3: bad spacing ${s} m`)
  }
  return { nx, ny, nz, spacingM }
}

/** Total voxel count. */
export const gridSize = (g: Grid3): number => g.nx * g.ny * g.nz

/** Flat index of (i, j, k). */
export const gridIndex = (g: Grid3, i: number, j: number, k: number): number =>
  i + g.nx * (j + g.ny * k)

/** Voxel volume in cubic metres. */
export const voxelVolumeM3 = (g: Grid3): number => g.spacingM[0] * g.spacingM[1] * g.spacingM[2]
