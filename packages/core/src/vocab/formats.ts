// Number formats: closed vocabularies the scenario schema and the models share.

/** Number formats a matmul can run in. Closed vocabulary. */
export const NUMBER_FORMATS = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'mxfp8', 'nvfp4'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** Number formats weights and KV cache can be stored in for serving. */
export const SERVING_FORMATS = ['bf16', 'fp16', 'fp8', 'int8', 'int4', 'nvfp4', 'mxfp4'] as const;
export type ServingFormat = (typeof SERVING_FORMATS)[number];
