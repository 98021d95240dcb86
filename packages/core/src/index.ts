// aidc core: the engine every face (CLI, server, web) calls. Grouped by concern.

export { ACCELERATORS } from './catalog/accelerators.js';
export { modelFromHfConfig } from './catalog/hf-config.js';
export { closestIds, findAccelerator, findModel } from './catalog/lookup.js';
export { MODELS } from './catalog/models.js';
// Catalogs
export * from './catalog/types.js';
// Explanations
export * from './explain/figure.js';
// Fabric
export * from './fabric/collectives.js';
export * from './fabric/topology.js';
// Plans
export * from './plan/training-plan.js';
// Reliability
export * from './reliability/failures.js';
// Scenarios
export * from './scenario/diagnostic.js';
export * from './scenario/load.js';
export * from './scenario/parse.js';
export * from './scenario/resolve.js';
export * from './scenario/schema.js';
// Training
export * from './training/constants.js';
export * from './training/job.js';
export * from './training/layout.js';
export * from './training/search.js';
export * from './training/software.js';
export * from './training/step-model.js';
export * from './transformer/activations.js';
export * from './transformer/flops.js';
export * from './transformer/params.js';
// Model arithmetic
export * from './transformer/shapes.js';
export * from './units/format.js';
// Units
export * from './units/quantity.js';
export * from './validate/datacenter-sets.js';
// Validation
export * from './validate/training-set.js';
