/**
 * The MPR views' mouse tools. One tool owns the left button: window/level (the default, where a click
 * without drag sets the crosshair) or a measurement (length, angle, HU probe). Window/level stays on
 * Shift+left in every mode; middle pans, right zooms, the wheel scrolls. Measurements stay visible and
 * editable when another tool is chosen.
 */
import {
  AngleTool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  ProbeTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  addTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools'

/** The tool group every MPR viewport belongs to. */
export const MPR_TOOL_GROUP_ID = 'osteoplanMprTools'

/** Left-button tools of the MPR views. */
export type MprToolId = 'windowLevel' | 'length' | 'angle' | 'probe'

/** The choices in toolbar order. */
export const MPR_TOOLS: readonly MprToolId[] = ['windowLevel', 'length', 'angle', 'probe']

// Cornerstone declares `toolName` without a type; every tool class sets it to a string.
const WL = String(WindowLevelTool.toolName)
const MEASURE: Record<Exclude<MprToolId, 'windowLevel'>, string> = {
  length: String(LengthTool.toolName),
  angle: String(AngleTool.toolName),
  probe: String(ProbeTool.toolName),
}

const B = ToolEnums.MouseBindings
const SHIFT = ToolEnums.KeyboardBindings.Shift

let current: MprToolId = 'windowLevel'
const listeners = new Set<() => void>()

/** Adds every tool to Cornerstone and creates the group with the default bindings (once). */
export function createMprToolGroup(): void {
  if (ToolGroupManager.getToolGroup(MPR_TOOL_GROUP_ID)) return
  for (const T of [
    WindowLevelTool,
    PanTool,
    ZoomTool,
    StackScrollTool,
    LengthTool,
    AngleTool,
    ProbeTool,
  ]) {
    addTool(T)
  }
  const group = ToolGroupManager.createToolGroup(MPR_TOOL_GROUP_ID)
  if (!group) return
  const fixed = [
    [PanTool, B.Auxiliary],
    [ZoomTool, B.Secondary],
    [StackScrollTool, B.Wheel],
  ] as const
  group.addTool(WL)
  for (const [T, mouseButton] of fixed) {
    const name = String(T.toolName)
    group.addTool(name)
    group.setToolActive(name, { bindings: [{ mouseButton }] })
  }
  for (const name of Object.values(MEASURE)) {
    group.addTool(name)
    group.setToolPassive(name)
  }
  applyBindings(current)
}

function applyBindings(id: MprToolId): void {
  const group = ToolGroupManager.getToolGroup(MPR_TOOL_GROUP_ID)
  if (!group) return
  const wlBindings: ToolTypes.IToolBinding[] = [{ mouseButton: B.Primary, modifierKey: SHIFT }]
  if (id === 'windowLevel') wlBindings.push({ mouseButton: B.Primary })
  // Passive with every binding removed, then active with exactly the bindings wanted (setToolActive
  // merges with the previous bindings).
  group.setToolPassive(WL, { removeAllBindings: true })
  for (const [tool, name] of Object.entries(MEASURE)) {
    group.setToolPassive(name, { removeAllBindings: true })
    if (tool === id) group.setToolActive(name, { bindings: [{ mouseButton: B.Primary }] })
  }
  group.setToolActive(WL, { bindings: wlBindings })
}

/** Gives the left button to a tool. */
export function setMprTool(id: MprToolId): void {
  if (id === current) return
  current = id
  applyBindings(id)
  for (const l of listeners) l()
}

/** The tool on the left button. */
export function getMprTool(): MprToolId {
  return current
}

/** Subscribes to tool changes (for useSyncExternalStore); returns an unsubscribe function. */
export function subscribeMprTool(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}
