/**
 * Public surface of the transarterial embolization core: spinal arterial graph with the artery of
 * Adamkiewicz, 1-D Poiseuille network flow, contrast transport and DSA projection, embolic agents and
 * safety. Pure; SI inside, graph node positions in LPS mm. See README.md.
 */
export { ADAMKIEWICZ_DISTRIBUTION, drawAdamkiewicz } from './adamkiewicz'
export type { AdamkiewiczDistribution, AdamkiewiczDraw, AdamkiewiczOrigin } from './adamkiewicz'
export { buildSpinalArteryTree } from './buildSpinalArteryTree'
export type { SpinalArteryTree } from './buildSpinalArteryTree'
export { computeContrastTransport, segmentOpacities } from './contrast'
export type { CatheterTip, ContrastInjection, ContrastTransport } from './contrast'
export { DEFAULT_DELIVERY_PARAMS, createEmbolizationState, deliverEmbolic } from './deliverEmbolic'
export type { DeliveryParams, DeliveryResult, EmbolizationState } from './deliverEmbolic'
export {
  GELATIN_SPONGE,
  GLUE_POLYMERISATION,
  NBCA_33,
  PVA_150_500,
  gluePolymerisationTimeS,
  isPermanent,
  lodgedFraction,
} from './embolicAgents'
export type { EmbolicAgent, GluePolymerisation, SizedAgent } from './embolicAgents'
export {
  DEFAULT_FLOW_PARAMS,
  fahraeusLindqvistRelative,
  nodeFlowBalance,
  poiseuilleResistance,
  segmentResistances,
  solveNetworkFlow,
  viscosityPaS,
} from './flow'
export type { FlowParams, FlowResult } from './flow'
export { renderDsaFrame } from './projectDsa'
export type { DsaView, SegmentExtents } from './projectDsa'
export {
  DEFAULT_SAFETY_PARAMS,
  assessEmbolization,
  checkCatheterPosition,
  downstreamOf,
  isCordSupply,
  timingAdvice,
} from './safety'
export type {
  EmbolizationAssessment,
  NonTargetTerritory,
  SafetyFinding,
  SafetyParams,
} from './safety'
export {
  DEFAULT_RADII,
  DEFAULT_TERRITORIES,
  defaultSpinalArteryTreeParams,
  defaultSpinalLevels,
} from './spinalTreeParams'
export type {
  SpinalArteryTreeParams,
  SpinalLevel,
  TumourSpec,
  VesselRadii,
} from './spinalTreeParams'
export { createGraphBuilder, findSegment, segmentLengthM, segmentVolumeM3 } from './vascularGraph'
export type {
  Territory,
  TerritoryKind,
  VascularGraph,
  VascularNode,
  VesselKind,
  VesselSegment,
} from './vascularGraph'
