// aidc core: the engine every face (CLI, server, web) calls. Grouped by concern.

export { ACCELERATORS } from './catalog/accelerators.js';
export { EMBODIED, GRID_INTENSITIES } from './catalog/grid.js';
export { modelFromHfConfig } from './catalog/hf-config.js';
export {
  closestIds,
  findAccelerator,
  findLinkMedium,
  findModel,
  findSwitch,
  findSystem,
} from './catalog/lookup.js';
export { MODELS } from './catalog/models.js';
export { LINK_MEDIA, SWITCHES } from './catalog/network.js';
export { PRICES } from './catalog/prices.js';
export * from './catalog/software.js';
export { SYSTEMS } from './catalog/systems.js';
// Catalogs
export * from './catalog/types.js';
export * from './cost/plan.js';
// Explanations
export * from './explain/figure.js';
// Fabric
export * from './fabric/collectives.js';
export * from './fabric/networks.js';
export * from './fabric/scaleup.js';
export * from './fabric/topology.js';
export * from './inference/constants.js';
// Serving
export * from './inference/formats.js';
export * from './inference/simulator.js';
export * from './inference/throughput.js';
export * from './plan/compare.js';
export * from './plan/datacenter-plan.js';
export * from './plan/datacenter-types.js';
export * from './plan/load.js';
export * from './plan/privacy-plan.js';
export * from './plan/resolve.js';
export * from './plan/scenario-plan.js';
export * from './plan/serving-plan.js';
export * from './plan/sweep.js';
export * from './plan/text-plan.js';
// Plans
export * from './plan/training-plan.js';
export * from './power/carbon.js';
export * from './power/plan.js';
// Privacy
export * from './privacy/accountant.js';
export * from './privacy/clipping.js';
export * from './privacy/conversion.js';
export * from './privacy/federated.js';
export * from './privacy/gaussian.js';
export * from './privacy/inverse.js';
export * from './privacy/pld.js';
export * from './privacy/prv.js';
export * from './privacy/rdp.js';
export * from './privacy/sampling.js';
// Reliability, storage, power, cost
export * from './reliability/failures.js';
// Reports: text, HTML and CSV, pure, for every face
export * from './report/datacenter-html.js';
export * from './report/datacenter-text.js';
export * from './report/parts.js';
export * from './report/plan-text.js';
export * from './report/serving-text.js';
export * from './report/table.js';
// Scenarios
export * from './scenario/diagnostic.js';
export * from './scenario/parse.js';
export * from './scenario/schema.js';
// Security
export * from './security/controls.js';
export * from './security/plan.js';
export * from './sim/event-queue.js';
export * from './sim/random.js';
export * from './storage/plan.js';
// Training
export * from './training/constants.js';
export * from './training/job.js';
export * from './training/layout.js';
export * from './training/layout-refusals.js';
export * from './training/search.js';
export * from './training/step-model.js';
export * from './transformer/activations.js';
export * from './transformer/flops.js';
export * from './transformer/params.js';
// Model arithmetic
export * from './transformer/shapes.js';
export * from './transformer/training-state.js';
export * from './units/format.js';
// Units
export * from './units/quantity.js';
export * from './units/time.js';
export * from './validate/datacenter-sets.js';
export * from './validate/error.js';
export * from './validate/inference-set.js';
export * from './validate/privacy-set.js';
// Validation
export * from './validate/training-set.js';
// Vocabularies shared by the schema and the models
export * from './vocab/fabric.js';
export * from './vocab/formats.js';
export * from './vocab/privacy.js';
export * from './vocab/security.js';
export * from './vocab/training.js';
