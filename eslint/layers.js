// @ts-check
/**
 * Local ESLint plugin that enforces the layer order of STYLE.md 3.1:
 *   lib → sim → plan → cases → workers → store → imaging | scene → ui → app
 * A file may import its own layer and layers before it, never after; imaging and scene never import each
 * other; ui reaches imaging and scene only through their index.ts. Package imports are checked by zone:
 * Cornerstone only in imaging, three/R3F only in scene, React/zustand never in the pure layers.
 */
import path from 'node:path'

const ORDER = ['lib', 'sim', 'plan', 'cases', 'workers', 'store', 'imaging', 'scene', 'ui', 'app']
/** Rank of each layer; imaging and scene share a rank and are siblings. */
const RANK = {
  lib: 0,
  sim: 1,
  plan: 2,
  cases: 3,
  workers: 4,
  store: 5,
  imaging: 6,
  scene: 6,
  ui: 7,
  app: 8,
}
const PURE = new Set(['lib', 'sim', 'plan', 'cases', 'workers'])

/** @param {string} file */
function layerOf(file) {
  const rel = path.relative(path.resolve('src'), path.resolve(file)).split(path.sep)
  if (rel[0] === '..' || rel.length < 2) return null
  return ORDER.includes(rel[0] ?? '')
    ? { layer: /** @type {keyof typeof RANK} */ (rel[0]), rest: rel.slice(1) }
    : null
}

/** @type {Array<{ test: (s: string) => boolean, allowed: (layer: string) => boolean, why: string }>} */
const PACKAGE_ZONES = [
  {
    test: (s) => s.startsWith('@cornerstonejs/'),
    allowed: (l) => l === 'imaging',
    why: 'Cornerstone3D is imported only in src/imaging',
  },
  {
    test: (s) => s === 'three' || s.startsWith('three/') || s.startsWith('@react-three/'),
    allowed: (l) => l === 'scene',
    why: 'three and @react-three/* are imported only in src/scene',
  },
  {
    test: (s) =>
      s === 'react' || s.startsWith('react/') || s === 'react-dom' || s.startsWith('react-dom/'),
    allowed: (l) => !PURE.has(l),
    why: 'React is not allowed in the pure layers (lib, sim, plan, cases, workers)',
  },
  {
    test: (s) => s === 'zustand' || s.startsWith('zustand/'),
    allowed: (l) => !PURE.has(l),
    why: 'zustand is not allowed in the pure layers (lib, sim, plan, cases, workers)',
  },
]

/** @type {import('eslint').Rule.RuleModule} */
const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the src/ layer order and package zones' },
    schema: [],
    messages: { forbidden: '{{why}} (import of "{{source}}" from src/{{layer}}).' },
  },
  create(context) {
    const here = layerOf(context.filename)
    if (!here) return {}
    /** @param {import('estree').Node} node @param {unknown} value */
    const check = (node, value) => {
      if (typeof value !== 'string') return
      const report = (/** @type {string} */ why) =>
        context.report({
          node,
          messageId: 'forbidden',
          data: { why, source: value, layer: here.layer },
        })
      if (value.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(context.filename), value))
        if (!target) return
        if (target.layer === here.layer) return
        if (RANK[target.layer] > RANK[here.layer] || RANK[target.layer] === RANK[here.layer]) {
          report(
            `src/${here.layer} may not import from src/${target.layer} (layers import only earlier layers)`,
          )
          return
        }
        if (
          here.layer === 'ui' &&
          (target.layer === 'imaging' || target.layer === 'scene') &&
          !(target.rest.length === 1 && /^index(\.tsx?)?$/.test(target.rest[0] ?? ''))
        ) {
          report(`src/ui reaches src/${target.layer} only through its index.ts`)
        }
        return
      }
      for (const zone of PACKAGE_ZONES) {
        if (zone.test(value) && !zone.allowed(here.layer)) report(zone.why)
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    }
  },
}

export default { rules: { 'import-layers': importLayers } }
