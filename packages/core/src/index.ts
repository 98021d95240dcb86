// aidc core: the engine every face (CLI, server, web) calls. A curated table of contents: what a face
// may use, grouped by what it is for. Everything else in core is internal to it (DESIGN.md).

// Load: scenario text to a checked, resolved scenario, or located diagnostics
export { loadScenario } from './plan/load.js';
export { type ResolvedScenario, resolveScenario } from './plan/resolve.js';
export { checkText, locateReason, planRefusal } from './plan/text-plan.js';
export {
  type Diagnostic,
  formatDiagnostic,
  formatPath,
  formatRefusal,
  MAX_DIAGNOSTICS,
  REASON_CODES,
  type ReasonCode,
  type Refusal,
  type RefusalSubject,
} from './explain/refusal.js';
export { type Warning, WARNING_CODES, type WarningCode } from './explain/warning.js';
export { parseScenario } from './scenario/parse.js';
export { scenarioReference } from './scenario/reference.js';
export { type Scenario, scenarioJsonSchema } from './scenario/schema.js';

// Plan: the whole site, a training run, the serving fleets
export { comparePlans, type ComparisonRow } from './plan/compare.js';
export type { DatacenterPlan } from './plan/datacenter-types.js';
export { planScenario, planServings, type ScenarioPlanResult } from './plan/scenario-plan.js';
export type { ServingPlan } from './plan/serving-plan.js';
export type { SiteSummary } from './plan/site.js';
export { planText, type TextPlanResult } from './plan/text-plan.js';
export { type OperateTextResult, operateText, type SiteSizeRow } from './plan/operate-text.js';
export { renderOperations, renderSiteSizes, workloadLines } from './report/operations-text.js';
export { renderOperationsHtml } from './report/operations-html.js';
export {
  CLOUD_PROVISIONING_S,
  IDLE_POWER_SHARE,
  JOB_CLASSES,
  type JobClass,
  type OperationsPlan,
  type PolicyOutcome,
  planOperations,
  type Quantiles,
  REPLICA_STARTUP_S,
} from './plan/operations-plan.js';
export { TRAFFIC_PROFILES, type TrafficProfile } from './catalog/traffic-profiles.js';
export { POLICY_PAIRS, type PolicyPair } from './vocab/operations.js';
export { physicalViolations, type Violation } from './plan/physical-law.js';
export { planTraining, type TrainingPlan } from './plan/training-plan.js';

// Sweep: cluster sizes and serving loads
export { type LoadPoint, servingLoadCurve } from './inference/capacity.js';
export {
  chooseClusterSize,
  type ClusterChoice,
  type DatacenterSweepRow,
  sweepDatacenter,
  sweepFailures,
  sweepSizes,
} from './plan/sweep.js';
export { sweepGpus } from './plan/training-plan.js';

// Explain: figures with formula, inputs and sources
export {
  catalogRef,
  DERIVED_NOTE,
  derivedFigure,
  type Figure,
  type FigureInput,
  type FigureRef,
  type FigureUnit,
  figure,
  figureRef,
  formatInput,
  inputValue,
  isFigureRef,
  uniqueSources,
} from './explain/figure.js';
export { LAYOUT_REFUSALS, type LayoutRefusal } from './training/layout-refusals.js';

// Render: text, CSV, HTML and JSON for every face
export { renderDatacenterHtml } from './report/datacenter-html.js';
export { renderBomCsv, renderDatacenter } from './report/datacenter-text.js';
export { runLossSentence } from './report/run-loss-text.js';
export { MEMORY_PARTS, planParts, type ReportPart, STEP_TIME_PARTS } from './report/parts.js';
export { datacenterPlanJson, type PlanFormat, planJson } from './report/plan-json.js';
export { formatFigure, renderPlan } from './report/plan-text.js';
export { naiveSentence } from './report/naive-text.js';
export { renderSweep } from './report/sweep-text.js';
export { mw, mwh, usd } from './report/quantities.js';
export { layoutLabel, ms, renderServing, stepLine } from './report/serving-text.js';
export { SERVING_ENGINE_IDS, SERVING_ENGINES, type ServingEngine } from './catalog/engines.js';
export { layoutCandidates, layoutShapeLabel } from './inference/layouts.js';
export {
  ACCEPTANCE_LENGTH_SOURCE,
  acceptanceLength,
  type DraftMethod,
  MTP_DEFAULTS,
  mtpDraft,
  type SpeculationAsk,
  type SpeculativeDecoding,
  speculation,
} from './inference/speculative.js';
export { table } from './report/table.js';
export {
  formatBitsPerS,
  formatBytesPerS,
  formatBytes,
  formatCount,
  formatFlopsPerS,
  formatPercent,
  formatSeconds,
} from './units/format.js';

// Validate: score the models against published sets
export {
  COLLECTIVES_SET_FORMAT,
  collectivesSetSchema,
  FABRIC_SET_FORMAT,
  fabricSetSchema,
  RELIABILITY_SET_FORMAT,
  reliabilitySetSchema,
  scoreCollectivesSet,
  scoreFabricSet,
  scoreReliabilitySet,
  type SetScore,
} from './validate/datacenter-sets.js';
export { errorPct } from './validate/error.js';
export { nelderMead } from './validate/nelder-mead.js';
export { type CalibrationResult, calibrate } from './validate/calibrate.js';
export {
  CALIBRATION_SETS,
  COLLECTIVES_TARGET,
  calibrateTraining,
  SERVING_TARGET,
  TRAINING_TARGET,
} from './validate/calibration-targets.js';
export {
  CALIBRATABLE,
  CALIBRATION_FORMAT,
  CALIBRATION_MEASURES,
  type CalibratedModel,
  type Calibration,
  calibrationSchema,
} from './uncertainty/calibration.js';
export { figureErrors, flatFigures } from './validate/figure-errors.js';
export { type BreakdownRow, inferenceBreakdown, layoutKind } from './validate/inference-breakdown.js';
export {
  HEADLINE_FIGURES,
  INFERENCE_SET_FORMAT,
  type InferenceScore,
  inferenceSetSchema,
  scoreInferenceSet,
} from './validate/inference-set.js';
export {
  PRIVACY_SET_FORMAT,
  type PrivacyCheck,
  privacySetSchema,
  scorePrivacyCase,
  worstPrivacyErrors,
} from './validate/privacy-set.js';
export {
  scoreTrainingSet,
  TRAINING_SET_FORMAT,
  trainingCaseSource,
  trainingSetSchema,
} from './validate/training-set.js';
export {
  RUN_SET_FORMAT,
  type RunSetScore,
  runCaseError,
  runSetSchema,
  scoreRunSet,
} from './validate/run-set.js';
export {
  MEMORY_SET_FORMAT,
  type MemoryScore,
  memorySetSchema,
  scoreMemorySet,
} from './validate/memory-set.js';

// Catalog: accelerators, systems, models, network parts, prices, grid
export { ACCELERATORS } from './catalog/accelerators.js';
export { GRID_INTENSITIES } from './catalog/grid.js';
export { findAccelerator, findModel, findSwitch, findSystem } from './catalog/lookup.js';
export { MODELS } from './catalog/models.js';
export { LINK_MEDIA, SWITCHES } from './catalog/network.js';
export { PRICES } from './catalog/prices.js';
export { SYSTEMS } from './catalog/systems.js';
export type { Source } from './catalog/types.js';

// Models whose constants the fitting scripts and validation tests refit
export { busBandwidthFactor, LINK_EFFICIENCY } from './fabric/collectives.js';
export { describeFabric } from './fabric/topology.js';
export { INFERENCE_CONSTANTS } from './inference/constants.js';
export { simulateServing } from './inference/simulator.js';
export type { OnProgress } from './sim/progress.js';
export { engineStepParts, servingStepModel } from './inference/throughput.js';
export { TRAINING_CONSTANTS } from './training/constants.js';
export { paramCounts } from './transformer/params.js';

// Error bands: the held-out errors the fitting scripts measure and ship (uncertainty/data/)
export { type ErrorBand, errorBand, type HeldOutErrors } from './uncertainty/bands.js';
export { rangeLabel } from './report/range-text.js';
export {
  MEMORY_CLASS_LEVELS,
  RUN_CLASS_LEVELS,
  SERVING_CLASS_LEVELS,
  TRAINING_CLASS_LEVELS,
} from './uncertainty/classes.js';
export { MEMORY_PEAK_ERRORS } from './uncertainty/data/memory-peak.js';
export { RUN_TIME_ERRORS } from './uncertainty/data/run-time.js';
export { TPOT_P99_ERRORS, TTFT_P99_ERRORS } from './uncertainty/data/serving-latency.js';
export { TRAINING_STEP_ERRORS } from './uncertainty/data/training-step.js';

// Privacy accountants (aidc privacy)
export { dpSgdEpsilon, dpSgdNoiseFor } from './privacy/accountant.js';
export { PrivacyTargetError } from './privacy/inverse.js';
export {
  accountedRun,
  effectiveNoiseMultiplier,
  type StepsFromEpochs,
  stepsFromEpochs,
} from './privacy/sampling.js';
export { type AccountantId, ACCOUNTANTS, type Sampling, SAMPLINGS } from './vocab/privacy.js';

// Operations: the shared cluster (issue #16, in progress: placement on the 2023 GPU-sharing trace)
export {
  MILLI_PER_GPU,
  parseTraceNodes,
  parseTraceTasks,
  type TraceNode,
  type TraceTask,
} from './operations/cluster-trace.js';
export { comparePolicies, type PolicyRow } from './operations/compare-policies.js';
export { compareQueues, generatedWorkload, type QueueRow } from './operations/compare-queues.js';
export { failureRatePerHour, RESTART_TIME_S } from './reliability/failures.js';
export { INFLATION_TARGET, type InflationResult, runInflation } from './operations/inflation.js';
export { type ReplayJobs, traceJobs } from './operations/trace-replay.js';
export { ClusterState, PLACEMENT_POLICIES, type PlacementPolicy, Placer } from './operations/placement.js';
export { nodeFragmentation, typicalShapes } from './operations/fragmentation.js';
export {
  CLUSTER_SUMMARIES,
  type ClusterSummary,
  type GeneratedJobs,
  generateJobs,
  JOB_STATES,
} from './operations/workload-generator.js';
export {
  type ClusterJob,
  QUEUE_POLICIES,
  type QueuePolicy,
  type SharedClusterResult,
  simulateSharedCluster,
} from './operations/shared-cluster.js';
