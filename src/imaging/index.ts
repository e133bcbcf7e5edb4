/** The imaging layer's public surface: the only way other layers reach Cornerstone3D. */
export { MprViewport, type MprViewportProps } from './MprViewport'
export { NeedleViews } from './NeedleViews'
export { VolumeRenderView } from './VolumeRenderView'
export { getMprTool, MPR_TOOLS, setMprTool, subscribeMprTool, type MprToolId } from './mprTools'
export {
  getActiveMprView,
  resetMprViews,
  scrollMprView,
  zoomMprViews,
  resizeMpr,
  setMprCrosshair,
  setMprListener,
  setMprWindow,
  showVolume,
  type MprListener,
  type MprOrientation,
} from './mprController'
export { initCornerstone } from './initCornerstone'
export { decodeDicomFrames, type DecodedFrame, type FrameRequest } from './decodeDicomFrames'
