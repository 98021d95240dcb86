import type { Accelerator } from './types.js';

/**
 * Accelerators, as published by their vendors.
 *
 * Conventions (every entry follows them; each source note says where a figure deviates):
 * - peakFlopsPerS is dense. NVIDIA datasheets print Tensor Core figures "with sparsity" (marked with an
 *   asterisk); those are halved here. AMD prints both; the dense column is used. fp32 is the non-tensor
 *   (vector/CUDA-core) FP32 rate. mxfp8 is listed where the part runs OCP MX FP8 block-scaled matmuls
 *   natively (Blackwell, CDNA 4), at its FP8 rate. nvfp4 is NVIDIA Blackwell only; AMD's MXFP4 is not it.
 * - memoryBytes is the capacity software sees. DRAM dies are binary-sized and the vendors' "GB" for HBM
 *   and GDDR parts matches what nvidia-smi / rocm-smi / the TPU runtime report in GiB to within ~1 %, so
 *   the vendor figure is taken as GiB (80 GB H100 = 80 GiB). For Blackwell the figure is the one NVIDIA
 *   prints for the system (HGX B200: 180 GB, GB200 NVL72: 186 GB), which is below the physical stacks.
 * - memoryBytesPerS is decimal (1 TB/s = 1e12 B/s), as printed.
 * - scaleUpBytesPerS is per accelerator, one direction: half the "bidirectional" NVLink / Infinity
 *   Fabric / ICI figure vendors print. For PCIe-only parts it is the host link's one-direction bandwidth
 *   (PCIe 4.0 x16 = 32e9, 5.0 x16 = 64e9), which is what GPU-to-GPU traffic crosses there.
 * - scaleOutBitsPerS is the usual back-end NIC bandwidth per accelerator in the reference system.
 * - fieldSources says which of an entry's sources each field was taken from, as their notes tell
 *   (a cross-check that states the same figure is cited with it); `peakFlopsPerS.<format>` where one
 *   format comes from other documents than the rest. A field the notes do not place (year, often) is
 *   left to the whole list.
 */

type Source = Accelerator['sources'][number];

const GiB = 2 ** 30;

const A100_DATASHEET: Source = {
  title: 'NVIDIA A100 Tensor Core GPU datasheet (2021), SXM columns',
  url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf',
  note:
    'FP32 19.5 TF; TF32 156 TF and FP16/BF16 312 TF dense (the asterisked 312/624 are sparse); ' +
    'NVLink 600 GB/s bidirectional (300e9 one way); max TDP 400 W.',
};

const A100_WHITEPAPER: Source = {
  title: 'NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020)',
  url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf',
  note: '108 SMs enabled on the A100 (GA100 has 128).',
};

const DGX_A100: Source = {
  title: 'NVIDIA DGX A100 datasheet',
  url: 'https://www.nvidia.com/en-us/data-center/dgx-a100/',
  note: '8 GPUs on NVSwitch; 8x 200 Gb/s HDR InfiniBand compute NICs, i.e. 200 Gb/s per GPU.',
};

const H100_DATASHEET: Source = {
  title: 'NVIDIA H100 Tensor Core GPU datasheet (2023)',
  url: 'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet',
  note:
    'SXM: FP32 67 TF; TF32 989, BF16/FP16 1,979, FP8 3,958 TF are with sparsity, halved here to ' +
    '494.5 / 989.5 / 1,979 TF. PCIe: FP32 51 TF; TF32 756, BF16 1,513, FP8 3,026 TF sparse, halved to ' +
    '378 / 756.5 / 1,513 TF.',
};

const HOPPER_WHITEPAPER: Source = {
  title: 'NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022)',
  url: 'https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper',
  note: 'SM counts: 132 on H100 SXM5, 114 on H100 PCIe. Dense Tensor Core figures agree with the halving.',
};

const DGX_H100: Source = {
  title: 'NVIDIA DGX H100 datasheet',
  url: 'https://www.nvidia.com/en-us/data-center/dgx-h100/',
  note: '8 GPUs on NVSwitch; 8x 400 Gb/s ConnectX-7 compute NICs, i.e. 400 Gb/s per GPU.',
};

const HGX_BLACKWELL: Source = {
  title: 'NVIDIA HGX platform specifications (HGX B200, HGX B300), 8-GPU baseboard',
  url: 'https://www.nvidia.com/en-us/data-center/hgx/',
  note:
    'Baseboard totals divided by 8. HGX B200: FP4 144 PF, FP8 72 PF, FP16/BF16 36 PF, TF32 18 PF ' +
    '(all sparse); FP32 600 TF; 1.4 TB HBM3e; 64 TB/s. HGX B300: FP4 144 PF sparse / 108 PF dense, ' +
    'FP8 72 PF, BF16 36 PF, TF32 18 PF sparse; FP32 600 TF; up to 2.3 TB. NVLink 5: 1.8 TB/s ' +
    'bidirectional per GPU.',
};

const BLACKWELL_ULTRA_BLOG: Source = {
  title: 'NVIDIA Technical Blog, "Inside NVIDIA Blackwell Ultra" (2025)',
  url: 'https://developer.nvidia.com/blog/inside-nvidia-blackwell-ultra-the-chip-powering-the-ai-factory-era/',
  note:
    'Full Blackwell Ultra: 160 SMs, 15 PF dense NVFP4, 288 GB HBM3e in 8 stacks at 8 TB/s, ' +
    'NVLink 5 at 1.8 TB/s bidirectional. Shipping parts enable fewer SMs (see entries).',
};

const VERDA_BLACKWELL: Source = {
  title: 'Verda (ex-DataCrunch), "NVIDIA GB300 NVL72: GPU Architecture & Performance", per-GPU table',
  url: 'https://verda.com/blog/gb300-nvl72-architecture',
  note:
    'Operator cross-check: usable memory 279 GB (GB300), 270 GB (B300), 180 GB (B200); ' +
    'max TDP 1.4 kW (GB300), 1.2 kW (GB200), 1.1 kW (B300), 1.0 kW (B200).',
};

const AMD_MI300X: Source = {
  title: 'AMD Instinct MI300X accelerator specifications / datasheet',
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
  note:
    'Dense: FP32 vector 163.4 TF, TF32 653.7 TF, FP16/BF16 1,307.4 TF, FP8 2,614.9 TF (sparse figures ' +
    'are 2x). 192 GB HBM3, 5.3 TB/s; 304 CUs; 750 W TBP; 7 Infinity Fabric links at 128 GB/s ' +
    'bidirectional each = 896 GB/s, 448e9 one way, fully connecting 8 GPUs on the platform.',
};

const ROCM_GPU_SPECS: Source = {
  title: 'ROCm documentation, "AMD GPU specifications" (Instinct table)',
  url: 'https://rocm.docs.amd.com/en/latest/reference/gpu-specs.html',
  note: 'VRAM in GiB and compute-unit counts: MI300X 192 / 304, MI325X 256 / 304, MI355X 288 / 256.',
};

const GOOGLE_TPU_MACHINES: Source = {
  title: 'Google Compute Engine docs, "TPU machines in accelerator-optimized machine family"',
  note:
    'Comparison table: peak BF16 and FP8 per chip (v6e 918 / 918 TF, v5p 459 / 459 TF), HBM GiB, ' +
    'TensorCores per chip (v6e 1, v5p 2), bidirectional ICI per chip (v6e 800, v5p 1,200 GB/s), ' +
    'DCN bandwidth per chip (v6e 100, v5p 50 Gb/s).',
};

/** The host link: the one-direction bandwidth between a GPU and its host's memory, which optimizer,
 * weight and activation offload cross. PCIe x16 after 128b/130b encoding, or NVLink-C2C on Grace. */
const PCIE_HOST_LINK: Source = {
  title: 'PCI-SIG, PCI Express Base Specification (3.0, 4.0, 5.0): 8, 16, 32 GT/s per lane, 128b/130b',
  note:
    'x16 one way: PCIe 3.0 15.75 GB/s, 4.0 31.5 GB/s, 5.0 63 GB/s. The host end sets the link: HGX ' +
    'B200/B300 hosts are PCIe 5.0 CPUs, so 5.0 even where the GPU could run 6.0. Datasheets quote the ' +
    'both-ways sum (A100 64 GB/s, H100/H200/MI300X 128 GB/s).',
};
const GRACE_C2C: Source = {
  title: 'NVIDIA Grace Blackwell superchip (GB200/GB300) specifications: NVLink-C2C 900 GB/s',
  url: 'https://www.nvidia.com/en-us/data-center/gb200-nvl72/',
  note: 'CPU-GPU NVLink-C2C 900 GB/s bidirectional: 450e9 one way between each GPU and Grace memory.',
};

const PCIE_NOTE =
  'No scale-up fabric: scaleUpBytesPerS is the PCIe host link one way, which peer traffic crosses.';

export const ACCELERATORS: readonly Accelerator[] = [
  // Ampere, 2020.
  {
    id: 'a100-sxm-40gb',
    name: 'NVIDIA A100 SXM4 40GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 19.5e12, tf32: 156e12, fp16: 312e12, bf16: 312e12 },
    memoryBytes: 40 * GiB,
    memoryBytesPerS: 1555e9,
    scaleUpBytesPerS: 300e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 200e9,
    hostLinkBytesPerS: 31.5e9,
    tdpW: 400,
    computeUnits: 108,
    year: 2020,
    architecture: 'ampere',
    sources: [
      { ...A100_DATASHEET, note: `${A100_DATASHEET.note} 40GB: HBM2, 1,555 GB/s.` },
      A100_WHITEPAPER,
      DGX_A100,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      computeUnits: [1],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  {
    id: 'a100-sxm-80gb',
    name: 'NVIDIA A100 SXM4 80GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 19.5e12, tf32: 156e12, fp16: 312e12, bf16: 312e12 },
    memoryBytes: 80 * GiB,
    memoryBytesPerS: 2039e9,
    scaleUpBytesPerS: 300e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 200e9,
    hostLinkBytesPerS: 31.5e9,
    tdpW: 400,
    computeUnits: 108,
    year: 2020,
    architecture: 'ampere',
    sources: [
      { ...A100_DATASHEET, note: `${A100_DATASHEET.note} 80GB: HBM2e, 2,039 GB/s.` },
      A100_WHITEPAPER,
      DGX_A100,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      computeUnits: [1],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  // Hopper, 2022-2024.
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM5 80GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 67e12, tf32: 494.5e12, fp16: 989.5e12, bf16: 989.5e12, fp8: 1979e12 },
    memoryBytes: 80 * GiB,
    memoryBytesPerS: 3.35e12,
    scaleUpBytesPerS: 450e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 700,
    computeUnits: 132,
    year: 2022,
    architecture: 'hopper',
    sources: [
      {
        ...H100_DATASHEET,
        note:
          `${H100_DATASHEET.note} SXM: 80 GB HBM3 at 3.35 TB/s; NVLink 900 GB/s bidirectional; ` +
          'up to 700 W.',
      },
      HOPPER_WHITEPAPER,
      DGX_H100,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0, 1],
      'peakFlopsPerS.fp32': [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      computeUnits: [1],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  {
    id: 'h800-sxm',
    name: 'NVIDIA H800 SXM5 80GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 67e12, tf32: 494.5e12, fp16: 989.5e12, bf16: 989.5e12, fp8: 1979e12 },
    memoryBytes: 80 * GiB,
    memoryBytesPerS: 3.35e12,
    scaleUpBytesPerS: 200e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 700,
    computeUnits: 132,
    year: 2023,
    architecture: 'hopper',
    sources: [
      {
        title: 'NVIDIA H800 SXM5 specifications (China-market variant of H100 SXM5, 2023)',
        note:
          'Same GH100 die, SM count, clocks, Tensor Core rates, 80 GB HBM3 / 3.35 TB/s and 700 W as ' +
          'H100 SXM (sparse figures halved as there); NVLink cut to 400 GB/s bidirectional (200e9 one ' +
          'way) and FP64 cut to ~1 TF. No longer on nvidia.com; figures as widely reproduced.',
      },
      {
        title: 'DeepSeek-AI, "DeepSeek-V3 Technical Report" (2024), section 3.1 (compute clusters)',
        url: 'https://arxiv.org/abs/2412.19437',
        note: 'H800 nodes of 8 GPUs on NVLink/NVSwitch, with 400 Gb/s InfiniBand per GPU across nodes.',
      },
      H100_DATASHEET,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0, 2],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      scaleUpDomain: [1],
      scaleOutBitsPerS: [1],
    },
  },
  {
    id: 'h200-sxm',
    name: 'NVIDIA H200 SXM 141GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 67e12, tf32: 494.5e12, fp16: 989.5e12, bf16: 989.5e12, fp8: 1979e12 },
    memoryBytes: 141 * GiB,
    memoryBytesPerS: 4.8e12,
    scaleUpBytesPerS: 450e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 700,
    computeUnits: 132,
    year: 2024,
    architecture: 'hopper',
    sources: [
      {
        title: 'NVIDIA H200 Tensor Core GPU datasheet (2024), H200 SXM column',
        url: 'https://www.nvidia.com/en-us/data-center/h200/',
        note:
          'Same compute as H100 SXM: TF32 989, BF16 1,979, FP8 3,958 TF are sparse, halved here; ' +
          'FP32 67 TF. 141 GB HBM3e at 4.8 TB/s; NVLink 900 GB/s bidirectional; up to 700 W.',
      },
      HOPPER_WHITEPAPER,
      {
        title: 'NVIDIA DGX H200 datasheet',
        url: 'https://www.nvidia.com/en-us/data-center/dgx-h200/',
        note: '8 GPUs on NVSwitch; 8x 400 Gb/s ConnectX-7 compute NICs.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0, 1],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 51e12, tf32: 378e12, fp16: 756.5e12, bf16: 756.5e12, fp8: 1513e12 },
    memoryBytes: 80 * GiB,
    memoryBytesPerS: 2.0e12,
    scaleUpBytesPerS: 64e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 200e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 350,
    computeUnits: 114,
    year: 2022,
    architecture: 'hopper',
    sources: [
      {
        ...H100_DATASHEET,
        note:
          `${H100_DATASHEET.note} PCIe: 80 GB HBM2e at 2 TB/s; 300-350 W configurable (350 used); ` +
          'PCIe 5.0 x16 (128 GB/s both ways, 64e9 one way); optional 2-way NVLink bridge at 600 GB/s.',
      },
      HOPPER_WHITEPAPER,
      {
        title: 'aidc estimate for the usual PCIe server',
        note:
          `${PCIE_NOTE} Domain: 8 cards in one PCIe server (NVLink bridges pair them at most). ` +
          'Scale-out: 200 Gb/s per GPU, the average in NVIDIA Enterprise Reference Architecture ' +
          '"2-8-5-200" PCIe servers; an estimate, PCIe servers vary.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0, 1],
      'peakFlopsPerS.fp32': [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0, 2],
      tdpW: [0],
      computeUnits: [1],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  // Blackwell, 2024-2025.
  {
    id: 'b200',
    name: 'NVIDIA B200 (HGX B200)',
    vendor: 'nvidia',
    peakFlopsPerS: {
      fp32: 75e12,
      tf32: 1.125e15,
      fp16: 2.25e15,
      bf16: 2.25e15,
      fp8: 4.5e15,
      mxfp8: 4.5e15,
      nvfp4: 9e15,
    },
    memoryBytes: 180 * GiB,
    memoryBytesPerS: 8e12,
    scaleUpBytesPerS: 900e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 1000,
    computeUnits: 148,
    year: 2024,
    architecture: 'blackwell',
    sources: [
      {
        ...HGX_BLACKWELL,
        note:
          `${HGX_BLACKWELL.note} B200 per GPU: sparse figures halved to FP4 9 PF, FP8 4.5 PF, ` +
          'BF16 2.25 PF, TF32 1.125 PF; FP32 75 TF; 180 GB; 8 TB/s (some listings say 7.7 TB/s).',
      },
      {
        title: 'NVIDIA DGX B200 datasheet',
        url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/',
        note: '8 GPUs, 1,440 GB total GPU memory; 8x 400 Gb/s ConnectX-7 compute NICs; ~14.3 kW system.',
      },
      {
        ...VERDA_BLACKWELL,
        note:
          `${VERDA_BLACKWELL.note} 148 SMs is what CUDA reports on HGX B200 parts ` +
          '(device queries in public benchmark logs); the full die has 160.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [0, 1, 2],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0, 1],
      scaleOutBitsPerS: [1],
      tdpW: [2],
      computeUnits: [2],
    },
  },
  {
    id: 'gb200',
    name: 'NVIDIA GB200 NVL72 (B200 GPU, per GPU)',
    vendor: 'nvidia',
    peakFlopsPerS: {
      fp32: 80e12,
      tf32: 1.25e15,
      fp16: 2.5e15,
      bf16: 2.5e15,
      fp8: 5e15,
      mxfp8: 5e15,
      nvfp4: 10e15,
    },
    memoryBytes: 186 * GiB,
    memoryBytesPerS: 8e12,
    scaleUpBytesPerS: 900e9,
    scaleUpDomain: 72,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 450e9,
    hostCpu: 'grace',
    tdpW: 1200,
    computeUnits: 152,
    year: 2024,
    architecture: 'blackwell',
    sources: [
      {
        title: 'NVIDIA GB200 NVL72 specifications (rack of 72 GPUs, 36 Grace CPUs)',
        url: 'https://www.nvidia.com/en-us/data-center/gb200-nvl72/',
        note:
          'Rack totals divided by 72: FP4 1,440 PF sparse / 720 PF dense -> 10 PF; FP8 720 PF, ' +
          'FP16/BF16 360 PF, TF32 180 PF (sparse) halved -> 5 / 2.5 / 1.25 PF; FP32 5,760 TF -> 80 TF; ' +
          'up to 13.4 TB HBM3e -> 186 GB; 576 TB/s -> 8 TB/s; 130 TB/s NVLink -> 1.8 TB/s bidirectional. ' +
          'One 400 Gb/s ConnectX-7 per GPU.',
      },
      {
        ...VERDA_BLACKWELL,
        note:
          `${VERDA_BLACKWELL.note} 152 SMs is what CUDA reports on GB200 (public benchmark logs); ` +
          'TDP per GPU ~1.2 kW (superchip: 2 GPUs + Grace, up to 2.7 kW).',
      },
      GRACE_C2C,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      hostCpu: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
      tdpW: [1],
      computeUnits: [1],
    },
  },
  {
    id: 'b300',
    name: 'NVIDIA B300 (HGX B300, Blackwell Ultra)',
    vendor: 'nvidia',
    peakFlopsPerS: {
      fp32: 75e12,
      tf32: 1.125e15,
      fp16: 2.25e15,
      bf16: 2.25e15,
      fp8: 4.5e15,
      mxfp8: 4.5e15,
      nvfp4: 13.5e15,
    },
    memoryBytes: 270 * GiB,
    memoryBytesPerS: 8e12,
    scaleUpBytesPerS: 900e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 800e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 1100,
    computeUnits: 148,
    year: 2025,
    architecture: 'blackwell',
    sources: [
      {
        ...HGX_BLACKWELL,
        note:
          `${HGX_BLACKWELL.note} B300 per GPU: FP4 108 / 8 = 13.5 PF dense; FP8 4.5, BF16 2.25, TF32 ` +
          '1.125 PF dense (sparse halved); FP32 75 TF. 8x ConnectX-8 SuperNICs, 800 Gb/s per GPU.',
      },
      BLACKWELL_ULTRA_BLOG,
      {
        ...VERDA_BLACKWELL,
        note:
          `${VERDA_BLACKWELL.note} Memory: 288 GB is the physical/marketed figure; ~270 GiB is usable ` +
          '(AWS lists 275 GB per p6-b300 GPU), so 270 is used. 148 SMs and a 1,100 W limit are what ' +
          'CUDA and nvidia-smi report on "B300 SXM6 AC" parts in public benchmark logs.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [2],
      memoryBytesPerS: [1],
      scaleUpBytesPerS: [0, 1],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
      tdpW: [2],
      computeUnits: [2],
    },
  },
  {
    id: 'gb300',
    name: 'NVIDIA GB300 NVL72 (Blackwell Ultra GPU, per GPU)',
    vendor: 'nvidia',
    peakFlopsPerS: {
      fp32: 80e12,
      tf32: 1.25e15,
      fp16: 2.5e15,
      bf16: 2.5e15,
      fp8: 5e15,
      mxfp8: 5e15,
      nvfp4: 15e15,
    },
    memoryBytes: 279 * GiB,
    memoryBytesPerS: 8e12,
    scaleUpBytesPerS: 900e9,
    scaleUpDomain: 72,
    scaleOutBitsPerS: 800e9,
    hostLinkBytesPerS: 450e9,
    hostCpu: 'grace',
    tdpW: 1400,
    computeUnits: 152,
    year: 2025,
    architecture: 'blackwell',
    sources: [
      {
        title: 'NVIDIA GB300 NVL72 specifications (rack of 72 GPUs, 36 Grace CPUs)',
        url: 'https://www.nvidia.com/en-us/data-center/gb300-nvl72/',
        note:
          'Rack totals divided by 72: FP4 1,440 PF sparse / 1,080 PF dense -> 15 PF; FP8 720 PF, ' +
          'FP16/BF16 360 PF, TF32 180 PF (sparse) halved -> 5 / 2.5 / 1.25 PF; up to 20 TB HBM3e -> ' +
          '~279 GB; 576 TB/s -> 8 TB/s; NVLink 130 TB/s -> 1.8 TB/s bidirectional; one 800 Gb/s ' +
          'ConnectX-8 per GPU.',
      },
      BLACKWELL_ULTRA_BLOG,
      {
        ...VERDA_BLACKWELL,
        note:
          `${VERDA_BLACKWELL.note} FP32 80 TF per GPU. SM count 152 is what CUDA reports on GB300 ` +
          'per public kernel code comments (NVIDIA quotes 160 for the full chip); treat as approximate.',
      },
      GRACE_C2C,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      hostCpu: [3],
      peakFlopsPerS: [0],
      'peakFlopsPerS.fp32': [2],
      memoryBytes: [0, 2],
      memoryBytesPerS: [0, 1],
      scaleUpBytesPerS: [0, 1],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
      tdpW: [2],
      computeUnits: [2],
    },
  },
  {
    id: 'rtx-pro-6000',
    name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition',
    vendor: 'nvidia',
    peakFlopsPerS: {
      fp32: 120e12,
      tf32: 240e12,
      fp16: 480e12,
      bf16: 480e12,
      fp8: 960e12,
      mxfp8: 960e12,
      nvfp4: 1.92e15,
    },
    memoryBytes: 96 * GiB,
    memoryBytesPerS: 1597e9,
    scaleUpBytesPerS: 64e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 600,
    computeUnits: 188,
    year: 2025,
    architecture: 'blackwell',
    sources: [
      {
        title: 'NVIDIA RTX PRO 6000 Blackwell Server Edition datasheet (2025)',
        url: 'https://www.nvidia.com/en-us/data-center/rtx-pro-6000-blackwell-server-edition/',
        note:
          'FP32 120 TF; ~4 PF FP4 "AI TOPS" with sparsity; 96 GB GDDR7 ECC at 1,597 GB/s; up to 600 W ' +
          '(configurable down to 400 W); PCIe 5.0 x16, no NVLink; 188 SMs (GB202).',
      },
      {
        title: 'NVIDIA RTX Blackwell GPU Architecture whitepaper (2025)',
        note:
          'Derived, not printed: GB202 Tensor Cores do 4x the FP32 rate in FP16/BF16 (FP32 accumulate, ' +
          'full rate on RTX PRO), 8x in FP8/MXFP8, 16x in FP4, 2x in TF32; applied to 120 TF FP32. ' +
          'The FP4 result (1.92 PF dense, 3.84 PF sparse) matches the ~4 PF marketing figure.',
      },
      {
        title: 'aidc estimate for the usual RTX PRO server',
        note:
          `${PCIE_NOTE} Domain: 8 cards per RTX PRO Server. Scale-out: 400 Gb/s per GPU assumes ` +
          'the ConnectX-8 SuperNIC design (one 800 Gb/s NIC per two GPUs); an estimate.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0, 1],
      'peakFlopsPerS.fp32': [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpBytesPerS: [0, 2],
      scaleUpDomain: [2],
      scaleOutBitsPerS: [2],
    },
  },
  // Ada, Volta and Turing.
  {
    id: 'l40s',
    name: 'NVIDIA L40S',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 91.6e12, tf32: 183e12, fp16: 362.05e12, bf16: 362.05e12, fp8: 733e12 },
    memoryBytes: 48 * GiB,
    memoryBytesPerS: 864e9,
    scaleUpBytesPerS: 32e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 200e9,
    hostLinkBytesPerS: 31.5e9,
    tdpW: 350,
    computeUnits: 142,
    year: 2023,
    architecture: 'ada',
    sources: [
      {
        title: 'NVIDIA L40S GPU datasheet (2023)',
        url: 'https://www.nvidia.com/en-us/data-center/l40s/',
        note:
          'FP32 91.6 TF; TF32 183 / 366*, BF16/FP16 362.05 / 733*, FP8 733 / 1,466* TF (the asterisked ' +
          'sparse figures are not used). 48 GB GDDR6 ECC at 864 GB/s (enabling ECC leaves ~45 GiB ' +
          'usable); 350 W; PCIe 4.0 x16 (64 GB/s both ways, 32e9 one way), no NVLink; 142 SMs (AD102).',
      },
      {
        title: 'aidc estimate for the usual PCIe server',
        note:
          `${PCIE_NOTE} Domain: 8 cards per server. Scale-out: 200 Gb/s per GPU, the average in ` +
          'NVIDIA Enterprise Reference Architecture "2-8-5-200" L40S servers; an estimate.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpBytesPerS: [0, 1],
      scaleUpDomain: [1],
      scaleOutBitsPerS: [1],
    },
  },
  {
    id: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 (24 GB GDDR6X)',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 82.6e12, tf32: 82.6e12, fp16: 165.2e12, bf16: 165.2e12, fp8: 330.3e12 },
    memoryBytes: 24 * GiB,
    memoryBytesPerS: 1008e9,
    scaleUpBytesPerS: 32e9,
    scaleUpDomain: 1,
    scaleOutBitsPerS: 10e9,
    hostLinkBytesPerS: 31.5e9,
    tdpW: 450,
    computeUnits: 128,
    year: 2022,
    architecture: 'ada',
    sources: [
      {
        title: 'NVIDIA Ada Lovelace GPU Architecture whitepaper (2022), GeForce RTX 4090 column',
        url: 'https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf',
        note:
          'Boost clock 2,520 MHz: FP32 82.6 TF; Tensor TF32 82.6, FP16/BF16 165.2 and FP8 330.3 TF with ' +
          'FP32 accumulate (used: what training runs; GeForce halves the FP32-accumulate rate; the ' +
          'FP16-accumulate and sparse figures are not used). 24 GB GDDR6X at 1,008 GB/s; 450 W; 128 SMs.',
      },
      {
        title: 'aidc estimate for a consumer system',
        note:
          'No NVLink on Ada GeForce: cards talk over PCIe 4.0 x16 (~32e9 one way), so a scale-up domain ' +
          'of 1. Scale-out: 10 Gb/s Ethernet assumed for a workstation; an estimate.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpBytesPerS: [1],
      scaleUpDomain: [1],
      scaleOutBitsPerS: [1],
    },
  },
  {
    id: 'v100-sxm-32gb',
    name: 'NVIDIA Tesla V100 SXM2 32GB',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 15.7e12, fp16: 125e12 },
    memoryBytes: 32 * GiB,
    memoryBytesPerS: 900e9,
    scaleUpBytesPerS: 150e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 50e9,
    hostLinkBytesPerS: 15.75e9,
    tdpW: 300,
    computeUnits: 80,
    year: 2018,
    architecture: 'volta',
    sources: [
      {
        title: 'NVIDIA Tesla V100 GPU datasheet (2018), V100 SXM2 column',
        url: 'https://www.nvidia.com/en-us/data-center/v100/',
        note:
          'FP32 15.7 TF; Tensor 125 TF (FP16 in, FP32 accumulate; Volta has no sparsity, no BF16/TF32). ' +
          '32 GB HBM2 at 900 GB/s; NVLink 300 GB/s bidirectional (150e9 one way); 300 W; 80 SMs.',
      },
      {
        title: 'NVIDIA DGX-1 with Tesla V100 datasheet (2018)',
        note:
          '8 GPUs in an NVLink hybrid cube-mesh (not all-to-all; DGX-2 reached 16 with NVSwitch); ' +
          '4x 100 Gb/s EDR InfiniBand per 8 GPUs = 50 Gb/s per GPU.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      scaleUpBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpDomain: [1],
      scaleOutBitsPerS: [1],
    },
  },
  {
    id: 'rtx-2080',
    name: 'NVIDIA GeForce RTX 2080 (8 GB GDDR6)',
    vendor: 'nvidia',
    peakFlopsPerS: { fp32: 10.1e12, fp16: 40.3e12 },
    memoryBytes: 8 * GiB,
    memoryBytesPerS: 448e9,
    scaleUpBytesPerS: 25e9,
    scaleUpDomain: 2,
    scaleOutBitsPerS: 10e9,
    hostLinkBytesPerS: 15.75e9,
    tdpW: 215,
    computeUnits: 46,
    year: 2018,
    architecture: 'turing',
    sources: [
      {
        title: 'NVIDIA Turing GPU Architecture whitepaper (2018), RTX 2080 reference-board column',
        url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf',
        note:
          'Reference clocks (1,710 MHz boost): FP32 10.1 TF; FP16 Tensor 40.3 TF with FP32 accumulate ' +
          '(used: what mixed-precision training runs; GeForce halves it) and 80.5 TF with FP16 ' +
          'accumulate. No BF16/TF32/FP8. 8 GB GDDR6 at 448 GB/s; 215 W (Founders Edition 225 W); 46 SMs.',
      },
      {
        title: 'aidc estimate for a consumer system',
        note:
          'Scale-up: the optional 2-way NVLink bridge, one x8 link at 50 GB/s bidirectional (25e9 one ' +
          'way), so a domain of 2; without it cards talk over PCIe 3.0 x16 (~16e9 one way). ' +
          'Scale-out: 10 Gb/s Ethernet assumed for a workstation; an estimate.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpBytesPerS: [1],
      scaleUpDomain: [1],
      scaleOutBitsPerS: [1],
    },
  },
  // AMD Instinct, CDNA 3 and CDNA 4.
  {
    id: 'mi300x',
    name: 'AMD Instinct MI300X',
    vendor: 'amd',
    peakFlopsPerS: { fp32: 163.4e12, tf32: 653.7e12, fp16: 1307.4e12, bf16: 1307.4e12, fp8: 2614.9e12 },
    memoryBytes: 192 * GiB,
    memoryBytesPerS: 5.3e12,
    scaleUpBytesPerS: 448e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 750,
    computeUnits: 304,
    year: 2023,
    architecture: 'cdna3',
    sources: [
      AMD_MI300X,
      ROCM_GPU_SPECS,
      {
        title: 'AMD Instinct MI300X platform (8x OAM) reference',
        note: 'Usual scale-out: one 400 Gb/s NIC per GPU (8 per node), as in MI300X cloud nodes.',
      },
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0],
      memoryBytes: [0, 1],
      memoryBytesPerS: [0],
      computeUnits: [0, 1],
      tdpW: [0],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [2],
    },
  },
  {
    id: 'mi325x',
    name: 'AMD Instinct MI325X',
    vendor: 'amd',
    peakFlopsPerS: { fp32: 163.4e12, tf32: 653.7e12, fp16: 1307.4e12, bf16: 1307.4e12, fp8: 2614.9e12 },
    memoryBytes: 256 * GiB,
    memoryBytesPerS: 6e12,
    scaleUpBytesPerS: 448e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 1000,
    computeUnits: 304,
    year: 2024,
    architecture: 'cdna3',
    sources: [
      {
        title: 'AMD Instinct MI325X accelerator specifications / datasheet',
        url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html',
        note:
          'Same CDNA 3 compute as MI300X (dense FP32 vector 163.4, TF32 653.7, FP16/BF16 1,307.4, FP8 ' +
          '2,614.9 TF; sparse 2x); 256 GB HBM3e at 6 TB/s; 1,000 W TBP; 304 CUs; 896 GB/s Infinity ' +
          'Fabric per GPU (448e9 one way) in an 8-GPU platform; one 400 Gb/s NIC per GPU usual.',
      },
      ROCM_GPU_SPECS,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [2],
      peakFlopsPerS: [0],
      memoryBytes: [0, 1],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0, 1],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
    },
  },
  {
    id: 'mi355x',
    name: 'AMD Instinct MI355X',
    vendor: 'amd',
    peakFlopsPerS: { fp32: 157.3e12, fp16: 2516.6e12, bf16: 2516.6e12, fp8: 5033.2e12, mxfp8: 5033.2e12 },
    memoryBytes: 288 * GiB,
    memoryBytesPerS: 8e12,
    scaleUpBytesPerS: 537.6e9,
    scaleUpDomain: 8,
    scaleOutBitsPerS: 400e9,
    hostLinkBytesPerS: 63e9,
    tdpW: 1400,
    computeUnits: 256,
    year: 2025,
    architecture: 'cdna4',
    sources: [
      {
        title: 'AMD Instinct MI355X accelerator specifications / datasheet',
        url: 'https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html',
        note:
          'Dense: FP32 vector 157.3 TF, FP16/BF16 2.5 PF, FP8 and MXFP8 5.0 PF (sparse 2x); MXFP6/MXFP4 ' +
          '10 PF (not NVFP4, so not listed). No TF32 matrix rate is given for CDNA 4, so tf32 is omitted. ' +
          '288 GB HBM3e at 8 TB/s; 1,400 W TBP; 7 Infinity Fabric links at 153.6 GB/s bidirectional ' +
          '= 1,075 GB/s (537.6e9 one way), 8 GPUs per platform; one 400 Gb/s Pollara NIC per GPU usual.',
      },
      {
        title: 'AMD CDNA 4 architecture whitepaper (2025)',
        url: 'https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/white-papers/amd-cdna-4-architecture-whitepaper.pdf',
        note:
          'Cross-check: 256 CUs (32 per XCD) at 2.4 GHz, 8,192 FP8 FLOP/clk/CU -> 5,033 TF; half that ' +
          'for FP16/BF16 -> 2,517 TF.',
      },
      ROCM_GPU_SPECS,
      PCIE_HOST_LINK,
    ],
    fieldSources: {
      hostLinkBytesPerS: [3],
      peakFlopsPerS: [0, 1],
      'peakFlopsPerS.fp32': [0],
      memoryBytes: [0, 2],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [1, 2],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
    },
  },
  // Google TPU, per chip.
  {
    id: 'tpu-v4',
    name: 'Google Cloud TPU v4 (per chip)',
    vendor: 'google',
    peakFlopsPerS: { bf16: 275e12 },
    memoryBytes: 32 * GiB,
    memoryBytesPerS: 1200e9,
    scaleUpBytesPerS: 300e9,
    scaleUpDomain: 4096,
    scaleOutBitsPerS: 50e9,
    tdpW: 192,
    computeUnits: 2,
    year: 2021,
    architecture: 'tpu',
    sources: [
      {
        title: 'Google Cloud TPU docs, "TPU v4"',
        url: 'https://cloud.google.com/tpu/docs/v4',
        note:
          '275 TF per chip (bf16 or int8; no FP8); 32 GiB HBM2 at 1,200 GB/s; measured ' +
          'min/mean/max power 90/170/192 W (192 used as TDP); 2 TensorCores per chip; 4,096 chips per ' +
          'pod in a 3D mesh/torus.',
      },
      {
        title: 'Jouppi et al., "TPU v4: An Optically Reconfigurable Supercomputer for ML..." (ISCA 2023)',
        url: 'https://arxiv.org/abs/2304.01433',
        note:
          'ICI: 6 links per chip at 50 GB/s (400 Gb/s) each way -> 300e9 one way per chip. DCN per chip ' +
          'is not published: 50 Gb/s is an estimate (same 4-chip hosts as v5p, which Google lists at 50).',
      },
    ],
    fieldSources: {
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      tdpW: [0],
      computeUnits: [0],
      scaleUpDomain: [0],
      scaleUpBytesPerS: [1],
      scaleOutBitsPerS: [1],
    },
  },
  {
    id: 'tpu-v5e',
    name: 'Google Cloud TPU v5e (per chip)',
    vendor: 'google',
    peakFlopsPerS: { bf16: 197e12 },
    memoryBytes: 16 * GiB,
    memoryBytesPerS: 819e9,
    scaleUpBytesPerS: 200e9,
    scaleUpDomain: 256,
    scaleOutBitsPerS: 25e9,
    tdpW: 150,
    computeUnits: 1,
    year: 2023,
    architecture: 'tpu',
    sources: [
      {
        title: 'Google Cloud TPU docs, "TPU v5e"',
        url: 'https://cloud.google.com/tpu/docs/v5e',
        note:
          '197 TF bf16, 393 TOPS int8 per chip (no FP8 listed); 16 GB HBM2 at 819 GB/s; 1 TensorCore; ' +
          'bidirectional ICI 400 GB/s per chip (200e9 one way, 4 ports); 256-chip pod, 2D torus; ' +
          '8 chips per host with 2x 100 Gb/s NICs -> 25 Gb/s per chip.',
      },
      {
        title: 'aidc estimate: TPU v5e power',
        note:
          'Google publishes no TDP for v5e. 150 W is an estimate, below v4 (192 W measured max) for a ' +
          'single-TensorCore, two-HBM-stack chip, consistent with the v6e estimate below; treat as ' +
          '+/-50 %.',
      },
    ],
    fieldSources: {
      peakFlopsPerS: [0],
      memoryBytes: [0],
      memoryBytesPerS: [0],
      computeUnits: [0],
      scaleUpBytesPerS: [0],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0],
      tdpW: [1],
    },
  },
  {
    id: 'tpu-v5p',
    name: 'Google Cloud TPU v5p (per chip)',
    vendor: 'google',
    peakFlopsPerS: { bf16: 459e12, fp8: 459e12 },
    memoryBytes: 95 * GiB,
    memoryBytesPerS: 2765e9,
    scaleUpBytesPerS: 600e9,
    scaleUpDomain: 8960,
    scaleOutBitsPerS: 50e9,
    tdpW: 450,
    computeUnits: 2,
    year: 2023,
    architecture: 'tpu',
    sources: [
      {
        title: 'Google Cloud TPU docs, "TPU v5p"',
        url: 'https://cloud.google.com/tpu/docs/v5p',
        note:
          '459 TF BF16 and 459 TF FP8 per chip (FP8 runs at the BF16 rate, no speed-up); 95 GiB HBM2e ' +
          'at 2,765 GB/s; 2 TensorCores; bidirectional ICI 1,200 GB/s per chip (600e9 one way); ' +
          '8,960 chips per pod, 3D torus; DCN 50 Gb/s per chip.',
      },
      GOOGLE_TPU_MACHINES,
      {
        title: 'aidc estimate: TPU v5p power',
        note: 'Google publishes no TDP for v5p. 450 W is an estimate for a liquid-cooled 2-TensorCore chip.',
      },
    ],
    fieldSources: {
      peakFlopsPerS: [0, 1],
      memoryBytes: [0, 1],
      memoryBytesPerS: [0],
      computeUnits: [0, 1],
      scaleUpBytesPerS: [0, 1],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [0, 1],
      tdpW: [2],
    },
  },
  {
    id: 'tpu-v6e',
    name: 'Google Cloud TPU v6e Trillium (per chip)',
    vendor: 'google',
    peakFlopsPerS: { bf16: 918e12, fp8: 918e12 },
    memoryBytes: 32 * GiB,
    memoryBytesPerS: 1638e9,
    scaleUpBytesPerS: 400e9,
    scaleUpDomain: 256,
    scaleOutBitsPerS: 100e9,
    tdpW: 400,
    computeUnits: 1,
    year: 2024,
    architecture: 'tpu',
    sources: [
      {
        title: 'Google Cloud TPU docs, "TPU v6e"',
        url: 'https://cloud.google.com/tpu/docs/v6e',
        note:
          '918 TF bf16, 1,836 TOPS int8 per chip; 32 GB HBM at 1,638 GB/s; 1 TensorCore with two ' +
          '256x256 MXUs; bidirectional ICI 800 GB/s per chip (400e9 one way, 4 ports); 256-chip pod, ' +
          '2D torus; 8 chips per host.',
      },
      GOOGLE_TPU_MACHINES,
      {
        title: 'aidc estimate: TPU v6e power',
        note:
          'Google publishes no TDP for v6e. 400 W is an estimate: Google claims 4.7x v5e peak compute ' +
          'at 67 % better energy efficiency, i.e. ~2.8x the v5e power (150 W estimate); treat as ' +
          '+/-50 %.',
      },
    ],
    fieldSources: {
      peakFlopsPerS: [0, 1],
      'peakFlopsPerS.fp8': [1],
      memoryBytes: [0, 1],
      memoryBytesPerS: [0],
      computeUnits: [0, 1],
      scaleUpBytesPerS: [0, 1],
      scaleUpDomain: [0],
      scaleOutBitsPerS: [1],
      tdpW: [2],
    },
  },
];
