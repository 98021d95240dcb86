// The seed essay's BERT case (examples/bert-100m-rtx2080.yaml without its comments), for core tests,
// which read no files.
export const SEED_BERT_YAML = `name: BERT
hardware: {system: rtx-2080-node, gpus: 4, scaleUpDomain: 4, scaleUp: 16 GB/s, scaleOut: 2.5 Gb/s, peak: 16 TFLOP/s}
workloads:
  - train:
      model: {name: BERT 100M, layers: 12, hidden: 768, ffnHidden: 3072, ffn: gelu, heads: 12, vocab: 30522, tiedEmbeddings: true, causal: false}
      tokens: 3.3B
      seqLen: 128
      globalBatch: 4096
      precision: fp16
`;
