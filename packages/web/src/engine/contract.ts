import type {
  ClusterChoice,
  DatacenterSweepRow,
  LoadPoint,
  OperationsPlan,
  TextPlanResult,
} from '@aidc/core';

/** Files the user added to the page (a calibration, a trace), by name, which a scenario may name as
 * `./<name>` beside the files bundled with the examples. */
export type PageFiles = Readonly<Record<string, string>>;

/** What the page asks the engine worker. Each request carries the scenario text it is about and the
 * files the user added. */
export type EngineRequest = { readonly files?: PageFiles } & (
  | { readonly id: number; readonly kind: 'plan'; readonly yaml: string }
  | {
      readonly id: number;
      readonly kind: 'sweep';
      readonly yaml: string;
      readonly gpuCounts: readonly number[];
    }
  | {
      readonly id: number;
      readonly kind: 'loadCurve';
      readonly yaml: string;
      readonly serving: number;
      readonly ratesPerReplica: readonly number[];
    }
  | { readonly id: number; readonly kind: 'operate'; readonly yaml: string }
);

export type EngineAnswer =
  | { readonly kind: 'plan'; readonly result: TextPlanResult; readonly ms: number }
  | {
      readonly kind: 'sweep';
      readonly rows: readonly DatacenterSweepRow[];
      readonly choice: ClusterChoice | null;
    }
  | { readonly kind: 'loadCurve'; readonly points: readonly LoadPoint[] }
  | { readonly kind: 'operate'; readonly operations: OperationsPlan }
  | { readonly kind: 'unavailable'; readonly why: string };

export type EngineReply =
  | ({ readonly id: number; readonly type: 'answer' } & { readonly answer: EngineAnswer })
  | { readonly id: number; readonly type: 'progress'; readonly fraction: number }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };
