// Security: closed vocabularies the scenario schema and the models share.

export const CONTROL_IDS = [
  'encryption-at-rest-sed',
  'encryption-at-rest-software',
  'link-encryption-macsec',
  'link-encryption-ipsec',
  'confidential-computing-gpu',
  'dedicated-nodes',
  'fabric-partitions',
  'mig-isolation',
  'key-management-kms',
  'key-management-hsm',
  'access-logging',
  'weight-access-limits',
  'insider-threat-program',
  'red-teaming',
  'egress-rate-limits',
  'supply-chain-validation',
  'air-gapped-network',
  'tempest-protection',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export const SECURITY_LEVELS = ['SL1', 'SL2', 'SL3', 'SL4', 'SL5'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];
