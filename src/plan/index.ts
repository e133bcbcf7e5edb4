/**
 * Public surface of the planning domain (pure; LPS millimetres): the plan model and its files, trajectory
 * safety checks, zone metrics and rubric scoring. Other layers import `src/plan` only through this file.
 */
export { sanitizeText, isSafeText, type SanitizeTextOptions } from './sanitizeText'
export { geometryFingerprint, geometryCanonicalText } from './geometryFingerprint'
export { GAUGE_OUTER_DIAMETER_MM, GAUGE_RANGE, gaugeOuterDiameterMm } from './needleGauge'
export {
  DeviceSchema,
  RfProbeSchema,
  MwAntennaSchema,
  CryoprobeSetSchema,
  CementTrocarSchema,
  HifuTransducerSchema,
  EctElectrodeSetSchema,
  EmbolizationCatheterSchema,
  EmbolicAgentSchema,
  DEVICE_KINDS,
  NEEDLE_KINDS,
  BIPOLAR_TIP_LENGTHS_MM,
  MAX_NEEDLE_PATH_MM,
  MIN_NEEDLE_PATH_MM,
  type Device,
  type DeviceKind,
  type DeviceOf,
} from './deviceSchemas'
export {
  PLAN_VERSION,
  PLAN_LIMITS,
  MAX_MASK_RUNS,
  PlanSchema,
  TargetSchema,
  ProtectionSchema,
  ScanRefSchema,
  type Plan,
  type Target,
  type Protection,
  type ScanRef,
} from './schema'
export {
  DEVICE_DEFAULTS,
  ECT_TEMPLATE,
  CRYOPROBE_DEFAULT_GAUGE,
  createDevice,
  ectTemplateElectrodes,
  type CreateDeviceOptions,
  type DeviceParams,
} from './deviceDefaults'
export { hifuGeometry, type HifuGeometry } from './hifuGeometry'
export { encodeMaskRle, decodeMaskRle } from './maskRle'
export {
  migrate,
  migrateRaw,
  MIGRATIONS,
  PlanFileError,
  type Migration,
  type MigrationResult,
} from './migrations'
export {
  planToJson,
  parsePlanFile,
  encodePlanForUrl,
  decodePlanFromUrl,
  MAX_PLAN_FILE_CHARS,
  MAX_URL_PAYLOAD_CHARS,
  MAX_URL_INFLATED_BYTES,
  type PlanParseResult,
} from './serialize'
export { formatIssues, formatPath } from './issueText'

export { marchTrajectory, TRAJECTORY_DEFAULTS, BREACH_GAP_MM } from './trajectory/marchTrajectory'
export { trajectoryAngles } from './trajectory/trajectoryAngles'
export { findNearMisses, type NearMissOptions } from './trajectory/findNearMisses'
export { checkDevicePaths, type DevicePathReport } from './trajectory/checkDevicePaths'
export {
  SEVERITIES,
  type LabelVolume,
  type Severity,
  type Finding,
  type FindingCode,
  type Crossing,
  type NearMiss,
  type TrajectoryAngles,
  type TrajectoryReport,
  type TrajectoryOptions,
} from './trajectory/trajectoryTypes'

export { squaredDistanceTransform, type DtGrid } from './metrics/distanceTransform'
export { signedDistanceMm, halfVoxelMm } from './metrics/signedDistance'
export {
  maskFromLabels,
  maskFromField,
  maskCount,
  maskVolumeMl,
  voxelVolumeMl,
  sphereMask,
  ellipsoidMask,
} from './metrics/masks'
export { targetMask } from './metrics/targetMask'
export { computeMetrics, METRICS_SEARCH_MM } from './metrics/computeMetrics'
export type {
  MetricsInput,
  MetricsReport,
  TreatedField,
  CriticalDistance,
  PointReading,
} from './metrics/metricsTypes'

export {
  METRIC_INFO,
  CriterionSchema,
  RubricSchema,
  type CmpOp,
  type Criterion,
  type Rubric,
  type RubricItem,
} from './scoring/rubric'
export { evaluationFromResults, type PlanEvaluation } from './scoring/evaluation'
export {
  scorePlan,
  compare,
  DEVICE_NAMES,
  type ScoreResult,
  type ScoredItem,
} from './scoring/scorePlan'
export {
  comparePlans,
  type ComparedPlan,
  type ComparisonRow,
  type ComparisonTable,
} from './scoring/comparePlans'
export { lpsDirToSim, lpsToSimM, simGridOf } from './simSpace'
