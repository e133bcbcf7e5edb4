/**
 * The layer borders are enforced by lint: each case lints a small fixture placed (virtually) in a layer and
 * expects the layer rule to fire, or not. Removing a zone from eslint.config.js makes these tests fail.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  // A parse failure would hide every rule: make it fail the test instead of passing vacuously.
  expect(result?.messages.filter((m) => m.fatal === true)).toEqual([])
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'osteoplan/import-layers')
    .map((m) => m.message)
}

// Files that exist, so the type-aware parser accepts them; the text linted is the fixture, not the file.
const IN = {
  lib: 'src/lib/vec3.ts',
  sim: 'src/sim/grid/grid3.ts',
  plan: 'src/plan/schema.ts',
  cases: 'src/cases/volume.ts',
  workers: 'src/workers/caseApi.ts',
  store: 'src/store/appStore.ts',
  imaging: 'src/imaging/orientation.ts',
  scene: 'src/scene/slicePlaneGeometry.ts',
  ui: 'src/ui/VolumeInfo.tsx',
} as const

const forbidden: [keyof typeof IN, string, RegExp][] = [
  ['sim', "import * as THREE from 'three'\nexport const x = THREE", /three/],
  ['sim', "import { Canvas } from '@react-three/fiber'\nexport const x = Canvas", /three/],
  ['plan', "import { useState } from 'react'\nexport const x = useState", /React/],
  ['lib', "import { create } from 'zustand'\nexport const x = create", /zustand/],
  ['cases', "import { cache } from '@cornerstonejs/core'\nexport const x = cache", /Cornerstone/],
  ['scene', "import { cache } from '@cornerstonejs/core'\nexport const x = cache", /Cornerstone/],
  ['imaging', "import * as THREE from 'three'\nexport const x = THREE", /three/],
  ['ui', "import * as THREE from 'three'\nexport const x = THREE", /three/],
  ['workers', "import { useState } from 'react'\nexport const x = useState", /React/],
  [
    'sim',
    "import { S } from '../../plan/index'\nexport const x = S",
    /may not import from src\/plan/,
  ],
  [
    'lib',
    "import { x as y } from '../sim/grid/grid3'\nexport const x = y",
    /may not import from src\/sim/,
  ],
  [
    'plan',
    "import { x as y } from '../cases/volume'\nexport const x = y",
    /may not import from src\/cases/,
  ],
  [
    'store',
    "import { x as y } from '../ui/VolumeInfo'\nexport const x = y",
    /may not import from src\/ui/,
  ],
  [
    'imaging',
    "import { x as y } from '../scene/index'\nexport const x = y",
    /may not import from src\/scene/,
  ],
  [
    'ui',
    "import { x as y } from '../imaging/mprController'\nexport const x = y",
    /only through its index/,
  ],
]

describe('layer borders', () => {
  it.each(forbidden)('src/%s rejects: %s', async (layer, code, why) => {
    const errors = await layerErrors(IN[layer], code)
    expect(errors.length, `expected a layer error for ${layer}`).toBeGreaterThan(0)
    expect(errors.join('\n')).toMatch(why)
  })

  it.each([
    ['scene', "import * as THREE from 'three'\nexport const x = THREE"],
    ['imaging', "import { cache } from '@cornerstonejs/core'\nexport const x = cache"],
    ['ui', "import { useState } from 'react'\nexport const x = useState"],
    ['plan', "import { S } from '../lib/anatomy'\nexport const x = S"],
    ['ui', "import { SceneCanvas } from '../scene/index'\nexport const x = SceneCanvas"],
  ] as const)('src/%s allows: %s', async (layer, code) => {
    expect(await layerErrors(IN[layer], code)).toEqual([])
  })

  it('DOM globals are lint errors in the pure layers', async () => {
    const [result] = await eslint.lintText('export const w = window.innerWidth\n', {
      filePath: IN.sim,
    })
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-globals')
  })
})
