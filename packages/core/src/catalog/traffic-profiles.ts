// Daily traffic profiles of LLM serving: the request rate by hour of the day, relative to the day's
// mean. Hour 0 is midnight UTC; the shared-cluster simulator's clock starts there.

import type { Source } from './types.js';

export interface TrafficProfile {
  readonly id: string;
  readonly description: string;
  /** Request rate by UTC hour (24 values), relative to the daily mean. */
  readonly hourlyRelative: readonly number[];
  readonly source: Source;
}

const AZURE_2024: Source = {
  title:
    'Azure LLM inference trace 2024 (Stojkovic et al., "DynamoLLM", HPCA 2025; Azure/AzurePublicDataset, AzureLLMInferenceDataset2024), one week of request timestamps (UTC) per service',
  note: 'weekday (Mon–Fri) mean of hourly request counts per UTC hour, divided by the 24-hour mean; hourly counts as aggregated from the raw trace by zhuyuxin0/dcflex experiments/data/azure_llm.csv (commit 6c6e8bd8), whose totals equal the trace row counts (16,803,695 code, 27,303,999 conversation) and which agree with an independent aggregation (ctdunlap32/data-center-flexibility-resource-adequacy, commit d9cee9e1) on every hour compared',
};

export const TRAFFIC_PROFILES: readonly TrafficProfile[] = [
  {
    id: 'azure-2024-code',
    description: 'a coding assistant on weekdays: peak 19:00 UTC, trough 08:00, 9.8 : 1',
    hourlyRelative: [
      0.7, 0.66, 0.61, 0.5, 0.41, 0.34, 0.29, 0.25, 0.23, 0.24, 0.25, 0.37, 0.69, 1.18, 1.68, 1.84, 1.74,
      1.99, 2.2, 2.24, 2.11, 1.54, 1.12, 0.83,
    ],
    source: AZURE_2024,
  },
  {
    id: 'azure-2024-conversation',
    description: 'a chat service on weekdays: peak 14:00 UTC, trough 22:00, 1.9 : 1',
    hourlyRelative: [
      0.83, 0.89, 0.89, 0.73, 0.81, 0.88, 1.02, 1.1, 1.12, 1.09, 0.99, 1.04, 1.16, 1.29, 1.35, 1.26, 1.15,
      1.09, 1.1, 1.03, 0.94, 0.78, 0.71, 0.73,
    ],
    source: AZURE_2024,
  },
  {
    id: 'azure-2024-both',
    description: 'coding and chat together on weekdays: peak 18:00 UTC, trough 03:00, 2.4 : 1',
    hourlyRelative: [
      0.78, 0.8, 0.78, 0.64, 0.65, 0.66, 0.73, 0.75, 0.76, 0.75, 0.69, 0.77, 0.97, 1.25, 1.49, 1.5, 1.39,
      1.45, 1.54, 1.52, 1.41, 1.08, 0.87, 0.77,
    ],
    source: AZURE_2024,
  },
  {
    id: 'flat',
    description: 'the same rate all day',
    hourlyRelative: Array.from({ length: 24 }, () => 1),
    source: { title: 'no profile: a constant rate', note: 'for comparison' },
  },
];

export const TRAFFIC_PROFILE_IDS = TRAFFIC_PROFILES.map((p) => p.id) as [string, ...string[]];

/** The profile as shares of its busiest hour (the largest is 1). */
export function peakShares(p: TrafficProfile): number[] {
  const peak = Math.max(...p.hourlyRelative);
  return p.hourlyRelative.map((v) => v / peak);
}
