import { planText } from '@aidc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './index.js';
import { heavyScenario } from './starvation.js';
import { example, request, testServer } from './test-support.js';

let srv: RunningServer & { token: string; adminToken: string };
const small = example('llama3-8b-h100-fp8');

beforeAll(async () => {
  srv = await testServer({ ratePerS: 0 });
});
afterAll(async () => {
  await srv.close();
});

const call = (method: string, path: string, options: Parameters<typeof request>[3] = {}) =>
  request(srv.url, method, path, options);

describe('planning', () => {
  it('plans a scenario with the same numbers as the engine, every figure traced', async () => {
    const r = await call('POST', '/api/plan', { body: { yaml: small } });
    expect(r.status).toBe(200);
    expect(r.json.plan.kind).toBe('datacenter');
    expect(r.json.plan.gpus.total).toBe(8);
    expect(r.json.plan.figures.itPower.formula).toBeTruthy();
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a bad scenario with the CLI diagnostics, located', async () => {
    const r = await call('POST', '/api/validate', { body: { yaml: small.replace('gpus: 8', 'gpus: -8') } });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('invalid_scenario');
    expect(r.json.error.diagnostics[0]).toMatchObject({
      file: 'scenario.yaml',
      line: 5,
      path: ['hardware', 'gpus'],
    });
    expect((await call('POST', '/api/validate', { body: { yaml: small } })).status).toBe(200);
  });

  it('answers 3,000 problems with the first 100 and a count of the rest (issue #11, item 4)', async () => {
    const yaml = `name: x\nhardware: {system: dgx-h100, gpus: 8}\nworkloads:\n${'- {train: {}}\n'.repeat(1000)}`;
    const res = await fetch(`${srv.url}/api/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml }),
    });
    const text = await res.text();
    expect(res.status).toBe(422);
    // 34,000 such workloads were a 44 MB answer, 92 times the request; now a few kilobytes.
    expect(text.length).toBeLessThan(100_000);
    const { error } = JSON.parse(text);
    expect(error.diagnostics).toHaveLength(100);
    // Three missing fields each (model, seqLen, globalBatch; tokens may come from phases).
    expect(error.omitted).toBe(2_900);
    expect(error.refusal.omitted).toBe(2_900);
    expect(error.message).toBe('the scenario has problems: the first 100 are listed, 2,900 more are not');
  });

  it('refuses 34,000 workloads as one problem, not 102,000', async () => {
    const yaml = `name: x\nhardware: {system: dgx-h100, gpus: 8}\nworkloads:\n${'- {train: {}}\n'.repeat(34_000)}`;
    const r = await call('POST', '/api/validate', { body: { yaml } });
    expect(r.status).toBe(422);
    expect(r.json.error.diagnostics).toEqual([expect.objectContaining({ path: ['workloads'] })]);
  });

  it('locates a workload the planner refuses', async () => {
    const r = await call('POST', '/api/plan', {
      body: { yaml: small.replace('llama-3-8b', 'llama-3.1-405b') },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.diagnostics[0]).toMatchObject({ line: 8, path: ['workloads', 0, 'train'] });
    expect(r.json.error.diagnostics[0].message).toMatch(/no layout fits in memory/);
    // The same object core gives, the CLI prints and the page shows.
    const core = planText(small.replace('llama-3-8b', 'llama-3.1-405b'), 'scenario.yaml');
    expect(!core.ok && core.refusal).toEqual(r.json.error.refusal);
    expect(r.json.error.refusal).toMatchObject({ kind: 'refusal', what: 'plan' });
  });
});

describe('hostile and malformed input is refused with 4xx', () => {
  const cases: [string, Parameters<typeof request>[3], number, string][] = [
    ['not JSON', { body: '{"yaml":', type: 'application/json' }, 400, 'bad_json'],
    [
      'the wrong content type',
      { body: 'yaml=x', type: 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    ['a number for the text', { body: { yaml: 42 } }, 400, 'bad_request'],
    ['an unknown field', { body: { yaml: small, extra: 1 } }, 400, 'bad_request'],
    [
      'deep JSON nesting',
      { body: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json' },
      400,
      'too_deep',
    ],
    ['a body over the limit', { body: { yaml: 'x'.repeat(2 * 1024 * 1024) } }, 413, 'too_large'],
    [
      'a text over the scenario limit',
      { body: { yaml: `name: x\n#${'y'.repeat(600_000)}` } },
      400,
      'bad_request',
    ],
  ];
  for (const [what, options, status, code] of cases) {
    it(what, async () => {
      const r = await call('POST', '/api/plan', options);
      expect(r.status).toBe(status);
      expect(r.json.error.code).toBe(code);
      expect(JSON.stringify(r.json)).not.toMatch(/at .*\.js:\d+/); // no stack trace
    });
  }

  it('huge numbers, deep YAML and alias bombs become diagnostics, not crashes', async () => {
    const huge = await call('POST', '/api/plan', { body: { yaml: small.replace('gpus: 8', 'gpus: 1e308') } });
    expect(huge.status).toBe(422);
    const deepYaml = `name: x\nhardware: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    expect((await call('POST', '/api/plan', { body: { yaml: deepYaml } })).status).toBe(422);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ),
      )
      .join('\n');
    expect((await call('POST', '/api/plan', { body: { yaml: bomb } })).status).toBe(422);
  });

  it('a name with markup is kept as text and served as JSON, never as HTML', async () => {
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = await call('POST', '/api/scenarios', { body: { name, yaml: small }, token: srv.token });
    expect(r.status).toBe(201);
    const got = await call('GET', `/api/scenarios/${r.json.scenarioId}`, { token: srv.token });
    expect(got.json.name).toBe(name);
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.headers.get('content-security-policy')).toContain("script-src 'self'");
    const ctrl = await call('POST', '/api/scenarios', {
      body: { name: 'a\u0000b', yaml: small },
      token: srv.token,
    });
    expect(ctrl.status).toBe(400);
  });

  it('unknown paths, wrong methods and bad ids', async () => {
    expect((await call('GET', '/api/nothing')).status).toBe(404);
    expect((await call('PUT', '/api/plan', { body: { yaml: small } })).status).toBe(405);
    expect((await call('GET', '/api/scenarios/short', { token: srv.token })).status).toBe(404);
    expect((await call('GET', '/api/shares/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await call('GET', '/api/compare?a=x&b=y', { token: srv.token })).status).toBe(400);
  });
});

describe('authentication', () => {
  it('refuses every write and every private read without a valid token', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/scenarios', { name: 'x', yaml: small }],
      ['POST', '/api/scenarios/AAAAAAAAAAAAAAAAAAAAAA/versions', { yaml: small }],
      ['POST', '/api/scenarios/AAAAAAAAAAAAAAAAAAAAAA/shares', {}],
      ['DELETE', '/api/scenarios/AAAAAAAAAAAAAAAAAAAAAA', undefined],
      ['GET', '/api/scenarios', undefined],
      ['GET', '/api/audit', undefined],
    ];
    for (const [method, path, body] of writes) {
      for (const token of [undefined, 'aidc_wrong', '']) {
        const r = await call(method, path, {
          ...(body !== undefined ? { body } : {}),
          ...(token ? { token } : {}),
        });
        expect(r.status, `${method} ${path} with ${token}`).toBe(401);
      }
    }
  });
});

describe('saved scenarios', () => {
  it('saves, versions, lists, compares, shares and deletes, with an audit trail', async () => {
    const t = { token: srv.token };
    const a = await call('POST', '/api/scenarios', { body: { name: 'eight', yaml: small }, ...t });
    expect(a.status).toBe(201);
    const id = a.json.scenarioId as string;
    const bigger = small.replace('gpus: 8', 'gpus: 16');
    const v2 = await call('POST', `/api/scenarios/${id}/versions`, { body: { yaml: bigger }, ...t });
    expect(v2.json.version).toBe(2);
    expect(v2.json.name).toBe('eight');
    const bad = await call('POST', `/api/scenarios/${id}/versions`, { body: { yaml: 'name: [' }, ...t });
    expect(bad.status).toBe(422);
    const detail = await call('GET', `/api/scenarios/${id}`, t);
    expect(detail.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const one = await call('GET', `/api/scenarios/${id}/versions/1`, t);
    expect(one.json.plan.gpus.total).toBe(8);
    const cmp = await call('GET', `/api/compare?a=${id}@1&b=${id}@2`, t);
    const gpus = cmp.json.rows.find((r: { key: string }) => r.key === 'site.gpus');
    expect(gpus).toMatchObject({ a: 8, b: 16, delta: 8, ratio: 2 });
    const share = await call('POST', `/api/scenarios/${id}/shares`, { body: { version: 1 }, ...t });
    expect(share.status).toBe(201);
    const shared = await call('GET', `/api/shares/${share.json.share}`);
    expect(shared.status).toBe(200);
    expect(shared.json.yaml).toBe(small);
    expect(shared.json.author).toBeUndefined();
    expect((await call('DELETE', `/api/scenarios/${id}`, t)).status).toBe(204);
    expect((await call('GET', `/api/shares/${share.json.share}`)).status).toBe(404);
    const audit = await call('GET', '/api/audit', { token: srv.adminToken });
    const actions = audit.json.entries.map(
      (e: { action: string; target: string }) => `${e.action} ${e.target}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        `scenario.create ${id}@1`,
        `version.create ${id}@2`,
        `share.create ${id}@1`,
        `scenario.delete ${id}`,
      ]),
    );
  });
});

describe('the OpenAPI description', () => {
  it('describes every route the server answers, from the same schemas', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/audit',
        '/api/compare',
        '/api/health',
        '/api/openapi.json',
        '/api/plan',
        '/api/scenarios',
        '/api/scenarios/{id}',
        '/api/scenarios/{id}/members/{user}',
        '/api/scenarios/{id}/restore',
        '/api/scenarios/{id}/shares',
        '/api/scenarios/{id}/versions',
        '/api/scenarios/{id}/versions/{version}',
        '/api/shares/{share}',
        '/api/validate',
      ].sort(),
    );
    expect(doc.components.schemas.SaveRequest.required).toEqual(['name', 'yaml']);
    expect(doc.components.schemas.Scenario.properties.workloads).toBeTruthy();
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After past the rate limit', async () => {
    const limited = await testServer({ ratePerS: 1, burst: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await request(limited.url, 'GET', '/api/health')).status);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const r = await request(limited.url, 'GET', '/api/health');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('keys the limit by the forwarded client only behind a trusted proxy', async () => {
    const codes = async (base: string, forwardedFor: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          (await request(base, 'GET', '/api/health', { headers: { 'x-forwarded-for': forwardedFor } }))
            .status,
        );
      return out;
    };
    const proxied = await testServer({ ratePerS: 1, burst: 2, trustedProxies: 1 });
    try {
      expect(await codes(proxied.url, '203.0.113.7', 3)).toEqual([200, 200, 429]);
      // Another client behind the same proxy has its own bucket; a forged entry in front changes nothing.
      expect(await codes(proxied.url, '198.51.100.1', 2)).toEqual([200, 200]);
      expect(await codes(proxied.url, '192.0.2.99, 203.0.113.7', 1)).toEqual([429]);
    } finally {
      await proxied.close();
    }
    const direct = await testServer({ ratePerS: 1, burst: 2 });
    try {
      // Without a trusted proxy the header is the client's word: rotating it buys nothing.
      expect([
        ...(await codes(direct.url, '203.0.113.7', 2)),
        ...(await codes(direct.url, '198.51.100.1', 1)),
      ]).toEqual([200, 200, 429]);
    } finally {
      await direct.close();
    }
  });

  it('stops a plan that runs past the time limit and keeps serving', async () => {
    const slow = await testServer({ planTimeoutS: 1, threads: 1 });
    try {
      // Hundreds of serving fleets: seconds of planning however fast the simulator gets.
      const r = await request(slow.url, 'POST', '/api/plan', { body: { yaml: heavyScenario(400) } });
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('plan_timeout');
      expect((await request(slow.url, 'POST', '/api/plan', { body: { yaml: small } })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('the built web app', () => {
  it('is served with its routes, and nothing outside its folder', async () => {
    const web = await testServer({
      webDir: new URL('../../web/dist', import.meta.url).pathname.replace(/\/$/, ''),
    });
    try {
      const get = (path: string) => fetch(web.url + path);
      const index = await get('/');
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/text\/html/);
      expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // The app's own routes fall back to index.html.
      expect((await get('/share/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(200);
      expect((await get('/compare?a=x&b=y')).status).toBe(200);
      for (const path of [
        '/..%2f..%2fpackage.json',
        '/%2e%2e/%2e%2e/package.json',
        '/assets/..%2f..%2f..%2fpackage.json',
        '/%ff',
      ]) {
        const r = await get(path);
        expect(r.status, path).toBe(404);
      }
    } finally {
      await web.close();
    }
  });
});

describe('fairness and odd requests', () => {
  it('caps the plans one client has waiting, and answers HEAD and bad paging', async () => {
    const capped = await testServer({ maxPlansPerClient: 2, threads: 1 });
    try {
      const chat = example('llama3-70b-chat');
      const answers = await Promise.all(
        [0, 1, 2, 3].map(() => request(capped.url, 'POST', '/api/plan', { body: { yaml: chat } })),
      );
      const codes = answers.map((a) => a.status).sort();
      expect(codes.filter((c) => c === 429).length).toBe(2);
      expect(answers.find((a) => a.status === 429)!.json.error.code).toBe('too_many_plans');
      expect((await fetch(`${capped.url}/api/health`, { method: 'HEAD' })).status).toBe(200);
      for (const q of ['limit=1.5', 'offset=-1', 'offset=1e400', 'limit=0']) {
        expect(
          (await request(capped.url, 'GET', `/api/scenarios?${q}`, { token: capped.token })).status,
          q,
        ).toBe(400);
      }
    } finally {
      await capped.close();
    }
  }, 60_000);

  it('starts a save before plans that were waiting', async () => {
    const one = await testServer({ threads: 1, maxPlansPerClient: 0 });
    try {
      const chat = example('llama3-70b-chat');
      const order: string[] = [];
      const plans = [0, 1, 2].map((i) =>
        request(one.url, 'POST', '/api/plan', { body: { yaml: chat } }).then(() => order.push(`plan${i}`)),
      );
      await new Promise((r) => setTimeout(r, 200));
      const save = request(one.url, 'POST', '/api/scenarios', {
        body: { name: 's', yaml: small },
        token: one.token,
      }).then((r) => order.push(`save ${r.status}`));
      await Promise.all([...plans, save]);
      // The first plan was already running; the save overtakes the two that waited.
      expect(order.indexOf('save 201')).toBeLessThan(order.indexOf('plan2'));
      expect(order.indexOf('save 201')).toBeLessThan(order.indexOf('plan1'));
    } finally {
      await one.close();
    }
  }, 120_000);
});
