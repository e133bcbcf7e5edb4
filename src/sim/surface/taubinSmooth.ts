/**
 * Taubin λ|μ smoothing (G. Taubin, "A signal processing approach to fair surface design", SIGGRAPH 1995):
 * alternating a shrinking umbrella step (+λ) and an inflating one (μ < −λ) removes the staircase of a
 * voxel surface while leaving low frequencies, and so the enclosed volume, nearly unchanged. Pure; mutates
 * only the positions it is given.
 */
import { vertexNeighbors } from './vertexNeighbors'

/** Taubin smoothing parameters. */
export interface TaubinOptions {
  /** Number of λ|μ step pairs. */
  readonly iterations: number
  /** Shrinking step, 0 < λ < 1 (default 0.5). */
  readonly lambda?: number
  /**
   * Inflating step, μ < −λ (default −0.53). With the default λ the pass-band frequency is
   * k_PB = 1/λ + 1/μ ≈ 0.11, at the upper end of the 0.01–0.1 range Taubin (1995) reports as working well:
   * staircase noise (k near 1) is damped strongly, shape (k near 0) kept.
   */
  readonly mu?: number
}

/**
 * Smooths `positions` (x, y, z per vertex) in place with the uniform umbrella Laplacian
 * Δp = mean(neighbours) − p.
 */
export function taubinSmooth(
  positions: Float64Array,
  indices: Uint32Array,
  options: TaubinOptions,
): void {
  const vertexCount = positions.length / 3
  const lambda = options.lambda ?? 0.5
  const mu = options.mu ?? -0.53
  if (!(lambda > 0 && lambda < 1 && mu < -lambda)) {
    throw new Error(`taubinSmooth: need 0 < λ < 1 and μ < −λ, got λ=${lambda}, μ=${mu}`)
  }
  const { start, list } = vertexNeighbors(indices, vertexCount)
  const delta = new Float64Array(positions.length)
  const step = (factor: number): void => {
    for (let v = 0; v < vertexCount; v++) {
      const s0 = start[v]
      const s1 = start[v + 1]
      if (s1 === s0) continue
      let x = 0
      let y = 0
      let z = 0
      for (let s = s0; s < s1; s++) {
        const w = 3 * list[s]
        x += positions[w]
        y += positions[w + 1]
        z += positions[w + 2]
      }
      const inv = 1 / (s1 - s0)
      delta[3 * v] = factor * (x * inv - positions[3 * v])
      delta[3 * v + 1] = factor * (y * inv - positions[3 * v + 1])
      delta[3 * v + 2] = factor * (z * inv - positions[3 * v + 2])
    }
    for (let i = 0; i < positions.length; i++) positions[i] += delta[i]
  }
  for (let it = 0; it < options.iterations; it++) {
    step(lambda)
    step(mu)
  }
}
