/** The scene layer's public surface: the only way other layers reach three.js / R3F. */
export { SceneCanvas } from './SceneCanvas'
export { meshesToGlb, meshesToStl } from './exportMeshes'
