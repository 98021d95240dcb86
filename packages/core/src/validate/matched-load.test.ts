import { describe, expect, it } from 'vitest';
import { offlineSiblingId } from './matched-load.js';

describe('the Offline case a Server run is matched against', () => {
  it('is the same submission with its scenario suffix replaced', () => {
    expect(offlineSiblingId('mlperf-inf-v5.1-amd-8xmi300x-llama2-70b-99-server')).toBe(
      'mlperf-inf-v5.1-amd-8xmi300x-llama2-70b-99-offline',
    );
    expect(offlineSiblingId('mlperf-inf-v5.1-nvidia-b200-llama3.1-405b-interactive')).toBe(
      'mlperf-inf-v5.1-nvidia-b200-llama3.1-405b-offline',
    );
  });
  it('is none for an Offline run, or an id that does not end in a scenario', () => {
    expect(offlineSiblingId('mlperf-inf-v5.1-amd-8xmi300x-llama2-70b-99-offline')).toBeNull();
    expect(offlineSiblingId('lmsys-sglang-ep72-decode-server-x')).toBeNull();
  });
});
