import { useCallback, useEffect, useState } from 'react';
import {
  type Access,
  ApiError,
  api,
  LIST_PAGE,
  type SavedVersion,
  type ScenarioDetail,
  type ScenarioSummary,
  savedToken,
  saveToken,
} from '../api/client.js';
import { Alert } from './Alert.js';

export interface SavedRef {
  readonly id: string;
  readonly version: number;
  readonly name: string;
}

const refText = (id: string, v: number): string => `${id}@${v}`;

/** The role each button of a saved scenario needs, as the server checks it (docs/server.md). */
const RANKS: readonly Access[] = ['viewer', 'editor', 'owner'];
const allows = (held: Access, needed: Access): boolean => RANKS.indexOf(held) >= RANKS.indexOf(needed);

/** Saving, versions, comparing and sharing: the parts that need the server and a token. */
export function ServerPanel({
  yaml,
  defaultName,
  canSave,
  current,
  onOpen,
  onSaved,
  onDeleted,
  navigate,
}: {
  readonly yaml: string;
  readonly defaultName: string;
  readonly canSave: boolean;
  readonly current: SavedRef | undefined;
  readonly onOpen: (v: SavedVersion) => void;
  readonly onSaved: (r: SavedRef) => void;
  readonly onDeleted: (id: string) => void;
  readonly navigate: (path: string) => void;
}) {
  const [token, setToken] = useState(savedToken());
  const [tokenDraft, setTokenDraft] = useState('');
  const [name, setName] = useState(defaultName);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [list, setList] = useState<readonly ScenarioSummary[] | undefined>();
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState<ScenarioDetail | undefined>();
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [shareUrl, setShareUrl] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => setName(current?.name ?? defaultName), [current?.name, defaultName]);

  const fail = useCallback((e: unknown) => {
    setStatus('');
    setError(e instanceof ApiError ? e.message : (e as Error).message);
  }, []);

  const refresh = useCallback(async () => {
    if (!savedToken()) return;
    try {
      const first = await api.list();
      setList(first);
      setMore(first.length === LIST_PAGE);
      setError('');
    } catch (e) {
      fail(e);
    }
  }, [fail]);

  useEffect(() => {
    if (token) void refresh();
  }, [refresh, token]);

  async function showOlder() {
    try {
      const next = await api.list(list?.length ?? 0);
      // A save between pages shifts the offsets: drop what is already listed.
      setList((l) => [...(l ?? []), ...next.filter((n) => !l?.some((s) => s.id === n.id))]);
      setMore(next.length === LIST_PAGE);
    } catch (e) {
      fail(e);
    }
  }

  async function save(asNew: boolean) {
    if (saving) return;
    setSaving(true);
    setError('');
    setStatus('Saving…');
    try {
      const v =
        current && !asNew ? await api.addVersion(current.id, name, yaml) : await api.create(name, yaml);
      onSaved({ id: v.scenarioId, version: v.version, name: v.name });
      setStatus(`Saved "${v.name}" as version ${v.version}.`);
      await refresh();
      if (open?.id === v.scenarioId) setOpen(await api.get(v.scenarioId));
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  }

  async function load(id: string, version: number) {
    try {
      onOpen(await api.version(id, version));
      setStatus(`Opened version ${version}.`);
    } catch (e) {
      fail(e);
    }
  }

  async function share(id: string, version: number) {
    try {
      const s = await api.share(id, version);
      const url = new URL(s.url, window.location.href).href;
      setShareUrl(url);
      setStatus(`Read-only link to version ${s.version} created.`);
    } catch (e) {
      fail(e);
    }
  }

  async function remove(s: ScenarioSummary) {
    const what = `Delete "${s.name}", its ${s.latestVersion} versions and its share links?`;
    if (!window.confirm(`${what} Its owners can restore it until the server purges it.`)) return;
    try {
      await api.remove(s.id);
      onDeleted(s.id);
      setStatus(`Deleted "${s.name}".`);
      if (open?.id === s.id) setOpen(undefined);
      await refresh();
    } catch (e) {
      fail(e);
    }
  }

  async function toggleVersions(id: string) {
    if (open?.id === id) {
      setOpen(undefined);
      return;
    }
    try {
      setOpen(await api.get(id));
    } catch (e) {
      fail(e);
    }
  }

  const togglePick = (ref: string) =>
    setPicked((p) => (p.includes(ref) ? p.filter((x) => x !== ref) : [...p, ref].slice(-2)));

  return (
    <section className="server-panel" aria-labelledby="saved-title">
      <h2 id="saved-title">Saved plans</h2>
      {!token ? (
        <form
          className="token-form"
          onSubmit={(e) => {
            e.preventDefault();
            saveToken(tokenDraft);
            setToken(tokenDraft.trim());
            setTokenDraft('');
          }}
        >
          <label htmlFor="token">Server token</label>
          <input
            id="token"
            type="password"
            value={tokenDraft}
            onChange={(e) => setTokenDraft(e.currentTarget.value)}
            autoComplete="off"
          />
          <button type="submit">Use token</button>
          <p className="muted">
            Planning needs no server. To save, run <code>npx aidc-server token create --name you</code> and
            paste the token.
          </p>
        </form>
      ) : (
        <>
          <div className="save-row">
            <label htmlFor="save-name">Name</label>
            <input
              id="save-name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={200}
            />
            <button type="button" onClick={() => void save(false)} disabled={!canSave || saving}>
              {current ? `Save version ${current.version + 1}` : 'Save'}
            </button>
            {current && (
              <button type="button" onClick={() => void save(true)} disabled={!canSave || saving}>
                Save as new
              </button>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                saveToken('');
                setToken('');
                setList(undefined);
              }}
            >
              Forget token
            </button>
          </div>
          {!canSave && <p className="muted">Fix the scenario's problems to save it.</p>}
        </>
      )}
      <p role="status" className="status">
        {status}
      </p>
      <Alert message={error} />
      {shareUrl && (
        <p className="share">
          <label htmlFor="share-url">Share link (read-only)</label>
          <input
            id="share-url"
            className="text-input"
            readOnly
            value={shareUrl}
            onFocus={(e) => e.currentTarget.select()}
          />
        </p>
      )}
      {list && (
        <>
          <div className="compare-row">
            <button
              type="button"
              disabled={picked.length !== 2}
              onClick={() => navigate(`/compare?a=${picked[0]}&b=${picked[1]}`)}
            >
              Compare the two checked
            </button>
            <span className="muted">{picked.length}/2 versions checked</span>
          </div>
          {list.length === 0 && <p className="muted">Nothing saved yet.</p>}
          <ul className="saved-list">
            {list.map((s) => (
              <li key={s.id}>
                <div className="saved-row">
                  <span className="saved-name">{s.name}</span>
                  <span className="muted">v{s.latestVersion}</span>
                  {(
                    [
                      ['Open', `Open ${s.name}`, 'viewer', () => load(s.id, s.latestVersion)],
                      ['Versions', `Versions of ${s.name}`, 'viewer', () => toggleVersions(s.id)],
                      ['Share', `Share ${s.name}`, 'editor', () => share(s.id, s.latestVersion)],
                      ['Delete', `Delete ${s.name}`, 'owner', () => remove(s)],
                    ] as const
                  )
                    .filter(([, , needed]) => allows(s.access, needed))
                    .map(([text, label, , act]) => (
                      <button
                        key={text}
                        type="button"
                        className={text === 'Delete' ? 'danger' : undefined}
                        aria-label={label}
                        {...(text === 'Versions' ? { 'aria-expanded': open?.id === s.id } : {})}
                        onClick={() => void act()}
                      >
                        {text}
                      </button>
                    ))}
                </div>
                {open?.id === s.id && (
                  <ul className="versions" aria-label={`Versions of ${s.name}`}>
                    {open.versions.map((v) => {
                      const ref = refText(s.id, v.version);
                      return (
                        <li key={v.version}>
                          <input
                            type="checkbox"
                            id={`pick-${ref}`}
                            checked={picked.includes(ref)}
                            onChange={() => togglePick(ref)}
                          />
                          <label htmlFor={`pick-${ref}`}>
                            version {v.version}, {new Date(v.createdAt).toLocaleString()} by {v.author}
                          </label>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => void load(s.id, v.version)}
                          >
                            open
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {more && (
            <button type="button" onClick={() => void showOlder()}>
              Show older saved plans
            </button>
          )}
        </>
      )}
    </section>
  );
}
