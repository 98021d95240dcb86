import type { ComparisonRow, DatacenterPlan, Diagnostic, Refusal } from '@aidc/core';

/** A refusal from the server, with its code, message and (for scenarios) core's Refusal. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly refusal?: Refusal,
  ) {
    super(message);
  }

  /** The located reasons of a refused scenario; none for other errors. */
  get diagnostics(): readonly Diagnostic[] {
    return this.refusal?.diagnostics ?? [];
  }
}

/** What the caller may do with a saved scenario: viewers read, editors also save and share, owners also delete. */
export type Access = 'viewer' | 'editor' | 'owner';

export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly latestVersion: number;
  readonly updatedAt: string;
  readonly access: Access;
}

export interface SavedVersion {
  readonly scenarioId: string;
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  readonly yaml: string;
  readonly plan: DatacenterPlan;
}

/** What a share link shows: one version under the name it was saved with, nothing about its scenario. */
export type SharedVersion = Pick<SavedVersion, 'name' | 'version' | 'yaml' | 'plan'>;

export interface ScenarioDetail extends ScenarioSummary {
  readonly versions: readonly {
    readonly version: number;
    readonly name: string;
    readonly createdAt: string;
    readonly author: string;
  }[];
  readonly members: readonly { readonly user: string; readonly role: Access }[];
}

export interface Comparison {
  readonly a: { readonly scenarioId: string; readonly name: string; readonly version: number };
  readonly b: { readonly scenarioId: string; readonly name: string; readonly version: number };
  readonly rows: readonly ComparisonRow[];
}

const TOKEN_KEY = 'aidc.token';

export const savedToken = (): string => localStorage.getItem(TOKEN_KEY) ?? '';
export const saveToken = (t: string): void => {
  if (t) localStorage.setItem(TOKEN_KEY, t.trim());
  else localStorage.removeItem(TOKEN_KEY);
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = savedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', 'no aidc server answers here: planning works, saving needs `npm start`');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(
      res.status,
      'not_api',
      'no aidc server answers here: planning works, saving needs `npm start`',
    );
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; refusal?: Refusal } }).error;
    throw new ApiError(res.status, e?.code ?? 'error', e?.message ?? `HTTP ${res.status}`, e?.refusal);
  }
  return json as T;
}

/** Saved scenarios fetched a page at a time, newest first. */
export const LIST_PAGE = 100;

export const api = {
  health: () => call<{ ok: boolean }>('GET', '/api/health'),
  list: (offset = 0, limit = LIST_PAGE) =>
    call<{ scenarios: ScenarioSummary[] }>('GET', `/api/scenarios?limit=${limit}&offset=${offset}`).then(
      (r) => r.scenarios,
    ),
  get: (id: string) => call<ScenarioDetail>('GET', `/api/scenarios/${encodeURIComponent(id)}`),
  version: (id: string, v: number) =>
    call<SavedVersion>('GET', `/api/scenarios/${encodeURIComponent(id)}/versions/${v}`),
  create: (name: string, yaml: string) => call<SavedVersion>('POST', '/api/scenarios', { name, yaml }),
  addVersion: (id: string, name: string, yaml: string) =>
    call<SavedVersion>('POST', `/api/scenarios/${encodeURIComponent(id)}/versions`, { name, yaml }),
  remove: (id: string) => call<void>('DELETE', `/api/scenarios/${encodeURIComponent(id)}`),
  share: (id: string, version: number) =>
    call<{ share: string; version: number; url: string }>(
      'POST',
      `/api/scenarios/${encodeURIComponent(id)}/shares`,
      {
        version,
      },
    ),
  shared: (share: string) => call<SharedVersion>('GET', `/api/shares/${encodeURIComponent(share)}`),
  compare: (a: string, b: string) =>
    call<Comparison>('GET', `/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`),
};
