/**
 * Marching-cubes case table generated from face rules rather than typed in. Every face of a cube gets its
 * contour segments from that face's four corners alone, so the two cubes that share a face always agree
 * on it, which is what makes the assembled surface closed (see README.md). Pure; no allocation after the
 * one-time build.
 *
 * Corner c of a cube sits at (c & 1, (c >> 1) & 1, (c >> 2) & 1). Edges: 0–3 run along x at (y, z) =
 * (e & 1, e >> 1); 4–7 along y at (x, z) = (e & 1, (e >> 1) & 1); 8–11 along z at (x, y) = (e & 1, e >> 1).
 * Faces: f = 2·axis + side (side 1 is the face at coordinate 1 on that axis).
 */

/** Corner index (0–7) of the lower end of each edge. */
export const EDGE_CORNER0: Uint8Array = new Uint8Array(12)
/** Corner index (0–7) of the upper end of each edge. */
export const EDGE_CORNER1: Uint8Array = new Uint8Array(12)
/** Axis (0 = i, 1 = j, 2 = k) along which each edge runs. */
export const EDGE_AXIS: Uint8Array = new Uint8Array(12)
/** The four corners of each face, counter-clockwise as seen from outside the cube: FACE_CORNERS[4f + n]. */
export const FACE_CORNERS: Uint8Array = new Uint8Array(24)

for (let e = 0; e < 12; e++) {
  const axis = e >> 2
  const a = e & 1
  const b = (e >> 1) & 1
  // The two fixed coordinates, in the order of the remaining axes (x<y<z).
  const fixed = axis === 0 ? (a << 1) | (b << 2) : axis === 1 ? a | (b << 2) : a | (b << 1)
  EDGE_AXIS[e] = axis
  EDGE_CORNER0[e] = fixed
  EDGE_CORNER1[e] = fixed | (1 << axis)
}

for (let f = 0; f < 6; f++) {
  const axis = f >> 1
  const side = f & 1
  const ab = (axis + 1) % 3
  const ac = (axis + 2) % 3
  // Counter-clockwise about +axis in the right-handed (ab, ac) plane; reversed for the face whose outward
  // normal is −axis.
  const cycle = side === 1 ? [0, 1, 3, 2] : [0, 2, 3, 1]
  for (let n = 0; n < 4; n++) {
    const uv = cycle[n]
    FACE_CORNERS[4 * f + n] = (side << axis) | ((uv & 1) << ab) | ((uv >> 1) << ac)
  }
}

function edgeBetween(c0: number, c1: number): number {
  for (let e = 0; e < 12; e++) {
    if (
      (EDGE_CORNER0[e] === c0 && EDGE_CORNER1[e] === c1) ||
      (EDGE_CORNER0[e] === c1 && EDGE_CORNER1[e] === c0)
    ) {
      return e
    }
  }
  throw new Error(`cubeTable: corners ${c0} and ${c1} share no edge`)
}

/** FACE_EDGES[4f + n] is the edge from FACE_CORNERS[4f + n] to FACE_CORNERS[4f + (n + 1) % 4]. */
const FACE_EDGES = new Uint8Array(24)
for (let f = 0; f < 6; f++) {
  for (let n = 0; n < 4; n++) {
    FACE_EDGES[4 * f + n] = edgeBetween(
      FACE_CORNERS[4 * f + n],
      FACE_CORNERS[4 * f + ((n + 1) % 4)],
    )
  }
}

/**
 * Bit f is set when face f of the cube with this corner code is ambiguous (inside corners on one diagonal,
 * outside corners on the other). Indexed by the 8-bit corner code (bit c set = corner c inside).
 */
export const AMBIGUOUS_FACES: Uint8Array = new Uint8Array(256)
for (let code = 0; code < 256; code++) {
  let bits = 0
  for (let f = 0; f < 6; f++) {
    const q0 = (code >> FACE_CORNERS[4 * f]) & 1
    const q1 = (code >> FACE_CORNERS[4 * f + 1]) & 1
    const q2 = (code >> FACE_CORNERS[4 * f + 2]) & 1
    const q3 = (code >> FACE_CORNERS[4 * f + 3]) & 1
    if (q0 === q2 && q1 === q3 && q0 !== q1) bits |= 1 << f
  }
  AMBIGUOUS_FACES[code] = bits
}

/** Case table: triangles (as cube edge triples) for each key = code | joinBits << 8. */
export interface CubeTable {
  /** Start of each key's triangle list in `edges` (in edge entries, 3 per triangle). */
  readonly offset: Int32Array
  /** Triangle count of each key. */
  readonly count: Uint8Array
  /**
   * Cube edge ids, three per triangle, oriented so the normal points from inside to outside; CENTER_EDGE
   * stands for the key's centre vertex.
   */
  readonly edges: Uint8Array
  /** Per key: bit e set for each edge of the loop whose mean places the centre vertex (0 when none). */
  readonly centerLoop: Uint16Array
}

/**
 * Contour loops of one cube configuration, traced on the cube's faces. A segment on a face runs from the
 * crossing where a counter-clockwise walk (seen from outside the cube) enters the inside to the crossing
 * where it leaves, which keeps the inside on the right. On an ambiguous face the inside corners are joined
 * (the two segments cut off the outside corners) when `joinBits` has that face's bit, else separated.
 */
function traceLoops(code: number, joinBits: number): number[][] {
  const next = new Int8Array(12).fill(-1)
  for (let f = 0; f < 6; f++) {
    const isAmbiguous = ((AMBIGUOUS_FACES[code] >> f) & 1) === 1
    const join = ((joinBits >> f) & 1) === 1
    for (let n = 0; n < 4; n++) {
      const inHere = (code >> FACE_CORNERS[4 * f + n]) & 1
      const inNext = (code >> FACE_CORNERS[4 * f + ((n + 1) % 4)]) & 1
      if (inHere === 1 || inNext === 0) continue
      // Edge n enters the inside (corner n outside, corner n+1 inside): find where the segment leaves.
      let m: number
      if (!isAmbiguous) {
        m = (n + 1) % 4
        while (!(
          ((code >> FACE_CORNERS[4 * f + m]) & 1) === 1 &&
          ((code >> FACE_CORNERS[4 * f + ((m + 1) % 4)]) & 1) === 0
        )) {
          m = (m + 1) % 4
        }
      } else {
        m = join ? (n + 3) % 4 : (n + 1) % 4
      }
      next[FACE_EDGES[4 * f + n]] = FACE_EDGES[4 * f + m]
    }
  }
  const loops: number[][] = []
  const isSeen = new Uint8Array(12)
  for (let e = 0; e < 12; e++) {
    if (next[e] < 0 || isSeen[e]) continue
    const loop: number[] = []
    for (let x = e; !isSeen[x]; x = next[x]) {
      isSeen[x] = 1
      loop.push(x)
    }
    loops.push(loop)
  }
  return loops
}

/** Bit f of EDGE_FACES[e] is set when edge e lies on face f. */
const EDGE_FACES = new Uint8Array(12)
for (let f = 0; f < 6; f++) for (let n = 0; n < 4; n++) EDGE_FACES[FACE_EDGES[4 * f + n]] |= 1 << f

/** Midpoint of each edge in cube coordinates, a stand-in for the crossing when scoring triangulations. */
function edgeMid(e: number): [number, number, number] {
  const c0 = EDGE_CORNER0[e]
  const p: [number, number, number] = [c0 & 1, (c0 >> 1) & 1, c0 >> 2]
  p[EDGE_AXIS[e]] = 0.5
  return p
}

/**
 * Triangulates one loop without a diagonal between two crossings that lie on the same cube face: the cube
 * across that face could draw the same diagonal, and the edge would then belong to four triangles. Among
 * the allowed triangulations it takes the one with the shortest total diagonal length (dynamic programming
 * over sub-polygons). Returns null when every triangulation needs a forbidden diagonal.
 */
function triangulateLoop(loop: readonly number[]): number[] | null {
  const n = loop.length
  if (n === 3) return [loop[0], loop[1], loop[2]]
  const cost = (a: number, b: number): number => {
    if (b - a === 1 || (a === 0 && b === n - 1)) return 0
    if ((EDGE_FACES[loop[a]] & EDGE_FACES[loop[b]]) !== 0) return Infinity
    const p = edgeMid(loop[a])
    const q = edgeMid(loop[b])
    return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
  }
  // best[a][b]: cheapest triangulation of the sub-polygon a..b (a < b), counting its closing diagonal.
  const best: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(Infinity))
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(-1))
  for (let a = 0; a + 1 < n; a++) best[a][a + 1] = 0
  for (let len = 2; len < n; len++) {
    for (let a = 0; a + len < n; a++) {
      const b = a + len
      const close = cost(a, b)
      if (close === Infinity) continue
      for (let k = a + 1; k < b; k++) {
        const c = best[a][k] + best[k][b] + close
        if (c < best[a][b]) {
          best[a][b] = c
          split[a][b] = k
        }
      }
    }
  }
  if (best[0][n - 1] === Infinity) return null
  const out: number[] = []
  const emit = (a: number, b: number): void => {
    if (b - a < 2) return
    const k = split[a][b]
    out.push(loop[a], loop[k], loop[b])
    emit(a, k)
    emit(k, b)
  }
  emit(0, n - 1)
  return out
}

/** Edge id standing for a vertex at the centre of a loop, owned by the cube alone (never shared). */
export const CENTER_EDGE = 12

let table: CubeTable | null = null

/**
 * The case table for every corner code and every join/separate choice on its ambiguous faces (built once,
 * 656 keys). Loops are triangulated by triangulateLoop; a loop that cannot avoid a shared-face diagonal is
 * fanned around an extra centre vertex (edge id CENTER_EDGE), which the extractor places at the mean of
 * the loop's crossings. At most one loop per key needs it (checked while building).
 */
export function cubeTable(): CubeTable {
  if (table) return table
  const offset = new Int32Array(1 << 14).fill(-1)
  const count = new Uint8Array(1 << 14)
  const centerLoop = new Uint16Array(1 << 14)
  const edges: number[] = []
  for (let code = 0; code < 256; code++) {
    const amb = AMBIGUOUS_FACES[code]
    // Enumerate the subsets of the ambiguous faces.
    for (let sub = amb; ; sub = (sub - 1) & amb) {
      const key = code | (sub << 8)
      offset[key] = edges.length
      let tris = 0
      for (const loop of traceLoops(code, sub)) {
        const t = triangulateLoop(loop)
        if (t) {
          edges.push(...t)
          tris += t.length / 3
        } else {
          if (centerLoop[key] !== 0) {
            throw new Error(`cubeTable: key ${key} needs two centre vertices`)
          }
          let mask = 0
          for (const e of loop) mask |= 1 << e
          centerLoop[key] = mask
          for (let i = 0; i < loop.length; i++) {
            edges.push(CENTER_EDGE, loop[i], loop[(i + 1) % loop.length])
            tris++
          }
        }
      }
      count[key] = tris
      if (sub === 0) break
    }
  }
  table = { offset, count, edges: Uint8Array.from(edges), centerLoop }
  return table
}
