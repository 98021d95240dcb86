import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createToken, example, request, spawnServer, tempDbFile } from './test-support.js';

// The kill test: SIGKILL the server while saves are in flight, restart it on the same file,
// and find every save it acknowledged intact. Saves it had not acknowledged may or may not be there,
// but never half-written.
const WRITERS = 16;
const KILL_AFTER_ACKS = 150;
/** Kill, restart on the same file and write again: each round kills at a different moment. */
const ROUNDS = 3;

interface Acked {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly yaml: string;
  readonly gpus: number;
}

describe('a crash during writes', () => {
  it('keeps every acknowledged save intact', async () => {
    const dbFile = tempDbFile();
    const token = createToken(dbFile);
    const llama = example('llama3-8b-h100-fp8');
    const acked: Acked[] = [];
    let sent = 0;
    let failedAfterKill = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const server = await spawnServer(dbFile, ['--rate', '0', '--max-plans-per-client', '0']);
      const goal = acked.length + KILL_AFTER_ACKS;
      let killed = false;
      const writer = async (w: number): Promise<void> => {
        let mine: { id: string; version: number } | undefined;
        while (!killed) {
          const n = sent++;
          const gpus = 8 * (1 + (n % 4));
          const yaml = llama.replace('gpus: 8', `gpus: ${gpus}`).replace(/^name: .*$/m, `name: save ${n}`);
          const name = `round ${round} writer ${w} save ${n}`;
          try {
            // Every third write is a new version of the writer's scenario, the rest new scenarios.
            const r =
              mine && n % 3 === 0
                ? await request(server.url, 'POST', `/api/scenarios/${mine.id}/versions`, {
                    body: { name, yaml },
                    token,
                  })
                : await request(server.url, 'POST', '/api/scenarios', { body: { name, yaml }, token });
            if (r.status !== 201) throw new Error(`save answered ${r.status}: ${JSON.stringify(r.json)}`);
            acked.push({ id: r.json.scenarioId, version: r.json.version, name, yaml, gpus });
            mine = { id: r.json.scenarioId, version: r.json.version };
            if (acked.length >= goal && !killed) {
              killed = true;
              server.child.kill('SIGKILL');
            }
          } catch (e) {
            if (!killed) throw e;
            failedAfterKill++;
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      expect(await server.exited).toBeNull(); // killed by a signal, not exited
    }

    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const orphans = db
      .prepare(
        'SELECT COUNT(*) AS n FROM scenarios s WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.scenario_id = s.id)',
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM versions').get() as { n: number }).n;
    db.close();

    const second = await spawnServer(dbFile, ['--rate', '0', '--max-plans-per-client', '0']);
    try {
      for (const a of acked) {
        const r = await request(second.url, 'GET', `/api/scenarios/${a.id}/versions/${a.version}`, { token });
        expect(r.status, `${a.id}@${a.version}`).toBe(200);
        expect(r.json.yaml).toBe(a.yaml);
        expect(r.json.plan.gpus.total).toBe(a.gpus);
      }
      const audit = await request(second.url, 'GET', '/api/audit', {
        token: createToken(dbFile, 'auditor', 'admin'),
      });
      expect(audit.status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    console.log(
      `kill test: ${ROUNDS} SIGKILLs; ${acked.length} saves acknowledged, ${failedAfterKill} in flight lost their answer; ` +
        `${stored} versions on disk after restart (${stored - acked.length} committed but unacknowledged); all ${acked.length} acknowledged intact`,
    );
  }, 120_000);
});
