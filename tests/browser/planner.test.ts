import { mkdirSync, readFileSync } from 'node:fs';
import { planText } from '@aidc/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToken, example, spawnServer, tempDbFile } from '../../packages/server/src/test-support.js';
import { axeViolations, launchChromium, shot } from './browser.js';

// The web planner in a real browser against the built app and the real server on localhost.
let browser: Browser;
let server: Awaited<ReturnType<typeof spawnServer>>;
let token: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const db = tempDbFile();
  token = createToken(db, 'browser');
  server = await spawnServer(db, ['--rate', '0']);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
});

afterEach(async () => {
  await context.close();
  expect(pageErrors).toEqual([]);
});

const gpusCard = (p: Page) => p.locator('.headline div', { hasText: 'GPUs' }).locator('dd');
const planned = (p: Page) => p.getByText(/^Planned in \d+ ms$/).waitFor({ timeout: 30_000 });

async function openPlanner(p: Page): Promise<void> {
  await p.goto(server.url);
  await planned(p);
}

/** No WCAG 2.1 A or AA rule broken in the page as it stands (axe-core; contrast included). */
async function expectAccessible(p: Page): Promise<void> {
  expect(await axeViolations(p)).toEqual([]);
}

async function useToken(p: Page): Promise<void> {
  await p.getByLabel('Server token').fill(token);
  await p.getByRole('button', { name: 'Use token' }).click();
  await p.getByRole('button', { name: 'Save', exact: true }).waitFor();
}

describe('the planner in Chromium', () => {
  it('plans the default example, then follows an edit in the form and in the YAML', async () => {
    await openPlanner(page);
    expect(await gpusCard(page).textContent()).toContain('8 ×');
    await page.locator('#f-hardware-gpus').fill('64');
    await expect.poll(() => gpusCard(page).textContent(), { timeout: 30_000 }).toContain('64 ×');
    expect(await page.getByLabel('Scenario YAML').inputValue()).toContain('gpus: 64');
    const yaml = await page.getByLabel('Scenario YAML').inputValue();
    await page.getByLabel('Scenario YAML').fill(yaml.replace('gpus: 64', 'gpus: 16'));
    await expect.poll(() => gpusCard(page).textContent(), { timeout: 30_000 }).toContain('16 ×');
    expect(await page.locator('#f-hardware-gpus').inputValue()).toBe('16');
    await page
      .getByRole('img', { name: 'Wall-clock time against cluster size' })
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: shot('plan'), fullPage: true });
    await expectAccessible(page);
  });

  it('shows the CLI diagnostics at the field and in the list', async () => {
    await openPlanner(page);
    await page.locator('#f-hardware-gpus').fill('-3');
    const alert = page.locator('#f-hardware-gpus-error');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe(
      'line 5: found -3, expected a GPU count (a whole number from 1 to 10,000,000), or auto',
    );
    expect(await page.locator('#f-hardware-gpus').getAttribute('aria-invalid')).toBe('true');
    const list = page.getByRole('region', { name: 'Problems in the scenario' });
    expect(await list.textContent()).toContain('5:9 hardware.gpus: found -3');
    await list.getByRole('button', { name: '5:9' }).click();
    const caret = await page
      .getByLabel('Scenario YAML')
      .evaluate((t: HTMLTextAreaElement) => t.selectionStart);
    const text = await page.getByLabel('Scenario YAML').inputValue();
    expect(text.slice(caret, caret + 2)).toBe('-3');
    await page.screenshot({ path: shot('diagnostics') });
    await expectAccessible(page);
  });

  it('explains a figure: formula, inputs and sources, by mouse and by keyboard', async () => {
    await openPlanner(page);
    await page
      .getByRole('button', { name: /^interruptions: .* explain$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toMatch(/^interruptions = /);
    expect(await dialog.locator('.formula').textContent()).toBeTruthy();
    expect(await dialog.locator('table.inputs tr').count()).toBeGreaterThan(0);
    expect(await dialog.getByRole('listitem').first().textContent()).toMatch(/Llama 3/);
    await page.screenshot({ path: shot('explain') });
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const mfu = page.getByRole('button', { name: /^mfu: .* explain$/ }).first();
    await mfu.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toMatch(/^mfu = /);
    // The model's 80% range beside the figure and, in the dialog, what it rests on (issue #15).
    expect(await dialog.locator('.range').textContent()).toMatch(
      /^80%: .*%–.*%: step time, leave-one-source-out errors of .* \(\d+ cases, \d+ sources\)/,
    );
    await page.keyboard.press('Escape');
    const mfuCard = page.locator('.headline div', { hasText: 'MFU' }).locator('dd .range');
    expect(await mfuCard.textContent()).toMatch(/^80%: [\d.]+%–[\d.]+%/);
    await expectAccessible(page);
  });

  it('saves, versions, reloads, compares and shares; the shared link reads without a token', async () => {
    await openPlanner(page);
    await useToken(page);
    await page.getByLabel('Name', { exact: true }).fill('Browser test <b>bold</b>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved ".*" as version 1\./).waitFor();
    await page.locator('#f-hardware-gpus').fill('32');
    await expect.poll(() => gpusCard(page).textContent(), { timeout: 30_000 }).toContain('32 ×');
    await page.getByRole('button', { name: 'Save version 2' }).click();
    await page.getByText(/as version 2\./).waitFor();

    await page.reload();
    await planned(page);
    const row = page.locator('.saved-list > li', { hasText: 'Browser test <b>bold</b>' });
    await row.waitFor();
    expect(await row.locator('b').count()).toBe(0); // markup in a name is shown as text
    await row.getByRole('button', { name: /^Versions of/ }).click();
    await row.getByLabel(/^version 1,/).check();
    await row.getByLabel(/^version 2,/).check();
    await page.getByRole('button', { name: 'Compare the two checked' }).click();
    const table = page.locator('table.comparison');
    await table.waitFor();
    const gpusRow = table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: /^GPUs\b/ }) });
    expect(await gpusRow.locator('td').allTextContents()).toEqual(['8', '32', '+300%']);
    // People read labels with units, never the plan's field names.
    const heads = await table.locator('tbody th').allTextContents();
    expect(heads.filter((h) => /^(site|training)\.|[a-z][A-Z]/.test(h))).toEqual([]);
    expect(heads).toContain('Hardware capital (USD)');
    await page.screenshot({ path: shot('compare'), fullPage: true });
    await expectAccessible(page);
    // On a phone the table scrolls inside its own box; the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1600, height: 1100 });

    await page.goBack();
    await planned(page);
    await page
      .locator('.saved-list > li', { hasText: 'Browser test' })
      .getByRole('button', { name: /^Share/ })
      .click();
    const link = await page.getByLabel('Share link (read-only)').inputValue();
    expect(link).toMatch(/\/share\/[A-Za-z0-9_-]{22}$/);

    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto(link);
    await other.getByText('A shared plan, read-only.').waitFor();
    expect(await other.getByLabel('Scenario YAML').getAttribute('readonly')).not.toBeNull();
    expect(await other.getByLabel('Scenario YAML').inputValue()).toContain('gpus: 32');
    expect(await other.locator('.headline div', { hasText: 'GPUs' }).locator('dd').textContent()).toContain(
      '32 ×',
    );
    expect(await other.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await other.screenshot({ path: shot('shared') });
    await expectAccessible(other);
    await stranger.close();
  });

  it('lists saved plans a hundred at a time, older ones on request', async () => {
    const yaml = example('llama3-8b-h100-fp8');
    const before = (await (
      await fetch(`${server.url}/api/scenarios?limit=500`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { scenarios: unknown[] };
    for (let i = before.scenarios.length; i < 120; i++) {
      const r = await fetch(`${server.url}/api/scenarios`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `paged ${i}`, yaml }),
      });
      expect(r.status).toBe(201);
    }
    await openPlanner(page);
    await useToken(page);
    const rows = page.locator('.saved-list > li');
    await expect.poll(() => rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Show older saved plans' }).click();
    await expect.poll(() => rows.count()).toBe(120);
    expect(await page.getByRole('button', { name: 'Show older saved plans' }).count()).toBe(0);
    expect(new Set(await rows.locator('.saved-name').allTextContents()).size).toBe(120);
  }, 120_000);

  it('exports the plan as JSON, CSV and the HTML report, as the CLI writes them', async () => {
    await openPlanner(page);
    const read = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    const json = await read('Export JSON');
    expect(json.name).toBe('llama-3-8b-fp8-on-one-dgx-h100.json');
    expect(JSON.parse(json.text)).toMatchObject({
      format: 'aidc-plan/datacenter@1',
      plan: { gpus: { total: 8 } },
    });
    const csv = await read('Export CSV');
    expect(csv.text.split('\n')[0]).toBe(
      'category,item,name,count,unit,unit_usd,total_usd,price_date,source',
    );
    const html = await read('Export HTML report');
    expect(html.text).toMatch(/^<!doctype html>/i);
  });

  it('names every control for assistive technology', async () => {
    await openPlanner(page);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          const named =
            (e.labels?.length ?? 0) > 0 || e.getAttribute('aria-label') || (el.textContent ?? '').trim();
          return !named;
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The audit itself can fail: pale grey on white is caught.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'pale';
      p.style.color = '#cccccc';
      p.textContent = 'pale text';
      document.querySelector('main')!.append(p);
    });
    const caught = await axeViolations(page);
    expect(caught.find((v) => v.id === 'color-contrast')?.targets).toContain('#pale');
  });

  it('shows a private run beside the same run without privacy, and a security level with its gaps', async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('llama3-8b-dp-finetune');
    const privacy = page.getByRole('region', { name: 'Privacy' });
    await privacy.waitFor({ timeout: 60_000 });
    expect(await privacy.textContent()).toContain('without privacy');
    expect(await privacy.getByRole('button', { name: /^privacyNoiseMultiplier: / }).count()).toBe(1);
    await privacy.screenshot({ path: shot('privacy') });
    await expectAccessible(page);
    await page.getByLabel('Start from').selectOption('llama3-70b-secure-sl3');
    const security = page.getByRole('region', { name: 'Security' });
    await security.waitFor({ timeout: 60_000 });
    expect(await security.textContent()).toMatch(/7 of 11 requirements met/);
    await expectAccessible(page);
  }, 120_000);

  it('simulates the shared cluster of an operations scenario and draws its charts', async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('shared-cluster-bursting');
    const ops = page.getByTestId('operations');
    await ops.waitFor({ timeout: 120_000 });
    // One row per policy the example names, the same in the table as in the core's own simulation.
    const policies = /policies: \[(.*)\]/
      .exec(example('shared-cluster-bursting'))![1]!
      .split(',')
      .map((x) => x.trim());
    expect(await ops.getByTestId('policy-table').locator('tbody tr').count()).toBe(policies.length);
    expect(
      await ops
        .getByRole('img', { name: 'GPUs allocated on the site, by policy' })
        .locator('polyline')
        .count(),
    ).toBe(policies.length);
    expect(await ops.getByRole('img', { name: /replicas and traffic$/ }).count()).toBe(1);
    expect(await ops.getByRole('img', { name: /^Completion time, single GPU/ }).count()).toBe(1);
    expect(await ops.textContent()).toMatch(/\$\d+(\.\d+)?K?/);
    await ops.screenshot({ path: shot('operations') });
    await expectAccessible(page);
  }, 180_000);

  it('keeps a hostile name inert', async () => {
    await openPlanner(page);
    await useToken(page);
    await page
      .getByLabel('Name', { exact: true })
      .fill('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/as version 1\./).waitFor();
    await page.locator('.saved-name', { hasText: '<img src=x' }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.saved-list img').count()).toBe(0);
  });

  it('plans without the server; saving then says why it cannot', async () => {
    await page.route('**/api/**', (r) => r.abort());
    await openPlanner(page);
    expect(await gpusCard(page).textContent()).toContain('8 ×');
    await useTokenOffline(page);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'no aidc server answers here' }).waitFor();
  });

  it('refuses a save with a wrong token, with the server’s message', async () => {
    await openPlanner(page);
    await page.getByLabel('Server token').fill('aidc_not-a-real-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByRole('alert').filter({ hasText: 'the bearer token is unknown or revoked' }).waitFor();
  });

  it('keeps the page responsive while a serving plan simulates in the worker', async () => {
    await openPlanner(page);
    // Count main-thread stalls over 500 ms while the heavy example plans (about seconds of simulation).
    await page.evaluate(() => {
      const w = window as unknown as { __stalls: number };
      w.__stalls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.duration > 500) w.__stalls++;
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.getByLabel('Start from').selectOption('llama3-70b-chat');
    await page.getByRole('img', { name: 'Time to first token against load' }).waitFor({ timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { __stalls: number }).__stalls)).toBe(0);
    await page.screenshot({ path: shot('serving'), fullPage: true });
    await expectAccessible(page);
  }, 120_000);

  it('plans the chat example in the page and says how long the engine took (timing logged; speed is in npm run bench)', async () => {
    await openPlanner(page);
    // The benchmarks' reference workload run in this page: the plan's time is judged against it, so a
    // busy shared machine slows both.
    const referenceMs = await page.evaluate(() => {
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        let acc = 0;
        for (let i = 1; i < 3_000_000; i++) acc += Math.sqrt(i) / (1 + (i % 7));
        runs.push(performance.now() - t0 + (acc < 0 ? 1 : 0));
      }
      return runs.sort((a, b) => a - b)[1]!;
    });
    const status = page.locator('.toolbar .status');
    const before = await gpusCard(page).textContent();
    const t0 = performance.now();
    await page.getByLabel('Start from').selectOption('llama3-70b-chat');
    await expect
      .poll(
        async () =>
          (await gpusCard(page).textContent()) !== before &&
          /Planned in \d+ ms/.test((await status.textContent()) ?? ''),
        {
          timeout: 30_000,
          interval: 20,
        },
      )
      .toBe(true);
    const shownMs = performance.now() - t0;
    const engineMs = Number(/Planned in (\d+) ms/.exec((await status.textContent()) ?? '')?.[1]);
    console.log(
      `timing: the chat example's serving plan shown ${shownMs.toFixed(0)} ms after choosing it; engine ${engineMs} ms; in-page reference workload ${referenceMs.toFixed(1)} ms; engine / reference = ${(engineMs / referenceMs).toFixed(1)}`,
    );
    // The engine's time is a figure, not a pass mark: on a shared machine a ratio taken in a test
    // moves with the load (106 references beside a fuzz run, under 100 idle). bench/serving.bench.js
    // times the same plan against the same reference side by side.
    expect(engineMs).toBeGreaterThan(0);
    // The serving section names the engine and the release planned (the catalog's latest vLLM).
    expect(await page.locator('section[aria-label^="Serving"] p').first().textContent()).toContain(
      'GPUs on vLLM 0.11',
    );
  }, 60_000);
});

/** The plan pane settled on the plan of the example whose name is given. */
async function showsPlan(p: Page, name: string, timeout = 60_000): Promise<void> {
  await p
    .locator('section[aria-label="Plan"][aria-busy="false"] .plan-name', { hasText: name })
    .waitFor({ timeout });
}

const exampleName = (id: string): string => /^name:\s*(.+)$/m.exec(example(id))![1]!.trim();

/** The screenshots a person looks at, kept out of the repository. */
const SHOT_DIR = '/tmp/shots';

describe('the page on every screen and every example', () => {
  it('draws one bar per cost item, keyed by item and network, after switching examples', async () => {
    await openPlanner(page);
    // The same switch on two networks gives two lines of one name: the compute fabric on SN4600C.
    const twoOfOne = example('llama3-405b-h100')
      .replace('switch: quantum-2-qm9700', 'switch: sn4600c')
      .replace('gpus: 16384', 'gpus: 1024');
    const chart = page.getByRole('img', { name: 'The largest cost items' });
    const rows = () => chart.locator('g[transform] > text:first-child').allTextContents();
    const expectRows = async (yaml: string, what: string) => {
      const r = planText(yaml, 'x.yaml');
      if (!r.ok) throw new Error(`${what} does not plan`);
      const priced = r.plan.cost.lines.filter((l) => l.totalUsd > 0).length;
      const labels = await rows();
      expect(labels.length, `${what}: ${labels.join(' | ')}`).toBe(Math.min(8, priced));
      expect(new Set(labels).size, `${what}: ${labels.join(' | ')}`).toBe(labels.length);
    };
    await page.getByLabel('Start from').selectOption('llama3-405b-h100');
    await showsPlan(page, exampleName('llama3-405b-h100'));
    await page.getByLabel('Scenario YAML').fill(twoOfOne);
    await expect.poll(() => gpusCard(page).textContent(), { timeout: 30_000 }).toContain('1.02K ×');
    await showsPlan(page, exampleName('llama3-405b-h100'));
    await expectRows(twoOfOne, 'SN4600C on two networks');
    for (const id of ['llama3-8b-h100-fp8', 'deepseek-v3-gb200', 'bert-100m-rtx2080']) {
      await page.getByLabel('Start from').selectOption(id);
      await showsPlan(page, exampleName(id));
      await expectRows(example(id), id);
    }
  }, 180_000);

  it('plans the bundled trace example; a file the page does not hold gets a located message', async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('llama3-70b-chat-trace');
    await showsPlan(page, exampleName('llama3-70b-chat-trace'), 90_000);
    expect(await page.getByRole('region', { name: 'Problems in the scenario' }).count()).toBe(0);
    const yaml = await page.getByLabel('Scenario YAML').inputValue();
    await page.getByLabel('Scenario YAML').fill(yaml.replace('./traces/chat-synthetic.csv', './mine.csv'));
    const list = page.getByRole('region', { name: 'Problems in the scenario' });
    await list.waitFor({ timeout: 30_000 });
    const text = (await list.textContent()) ?? '';
    expect(text).toMatch(/\d+:\d+ workloads\[0\]\.serve\.traffic\.trace: cannot read '\.\/mine\.csv'/);
    expect(text).toContain('the page reads only the files bundled with its examples');
    expect(text).toContain('./traces/chat-synthetic.csv');
  }, 120_000);

  it("draws the seed formula beside aidc against cluster size for the essay's BERT (issue #12, item 4)", async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('bert-100m-rtx2080');
    await showsPlan(page, exampleName('bert-100m-rtx2080'));
    const sizes = page.getByRole('region', { name: 'Cluster size' });
    await sizes.locator('.legend', { hasText: 'naive T = P/(N·C) + D/B' }).waitFor({ timeout: 60_000 });
    expect(await sizes.textContent()).toContain('aidc wall-clock (with failures)');
    // No cloud price for an RTX 2080: a dash as the CLI prints, never $0 (issue #12, item 2).
    const rented = page.locator('.headline div', { hasText: 'run cost (rented)' }).locator('dd');
    expect((await rented.textContent())?.trim()).toBe('—');
    // The plan itself says how far it is from the formula at its size.
    expect(await page.getByTestId('naive-beside').textContent()).toMatch(
      /naive formula T = P\/\(N·C\) \+ D\/B: .* aidc /,
    );
  }, 120_000);

  it('shows a run in phases and what it loses beyond failures (issue #15, item 4)', async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('llama3-70b-phased');
    await showsPlan(page, exampleName('llama3-70b-phased'));
    const run = page.getByRole('region', { name: 'The whole run' });
    await run.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('run-losses').textContent()).toMatch(
      /^Effective training time \d+(\.\d+)?% of the wall clock; lost: .*stragglers .*evaluation /,
    );
    const rows = run.locator('table.phases tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(2).textContent()).toContain('long context');
    expect(await rows.nth(2).textContent()).toContain('131072');
  }, 120_000);

  it('fits a 390 px phone: no sideways scroll, readable inputs, charts inside the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const p = await phone.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await openPlanner(p);
    await p.getByRole('img', { name: 'Wall-clock time against cluster size' }).waitFor({ timeout: 60_000 });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const narrow = await p.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const e = el as HTMLInputElement;
          return r.width > 0 && r.height > 0 && e.type !== 'checkbox' && e.type !== 'radio';
        })
        .map((el) => ({
          id: el.id || el.getAttribute('aria-label') || el.tagName,
          w: el.getBoundingClientRect().width,
        }))
        .filter((x) => x.w < 120),
    );
    expect(narrow).toEqual([]);
    const outside = await p.evaluate(
      () =>
        [...document.querySelectorAll('.chart svg')]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.left < 0 || r.right > 390.5).length,
    );
    expect(outside).toBe(0);
    mkdirSync(SHOT_DIR, { recursive: true });
    await p.screenshot({ path: `${SHOT_DIR}/phone-390x844.png`, fullPage: true });
    await phone.close();
  }, 120_000);

  it('marks the plan on screen as stale while a serving plan runs, with progress', async () => {
    await openPlanner(page);
    await page.screenshot({ path: `${SHOT_DIR}/desktop-planned.png` });
    // Record what the plan pane shows at any moment of the run, however short it is.
    await page.evaluate(() => {
      const w = window as unknown as { __busy: string[] };
      w.__busy = [];
      new MutationObserver(() => {
        const pane = document.querySelector('section[aria-label="Plan"]');
        if (pane?.getAttribute('aria-busy') !== 'true') return;
        const bar = pane.querySelector('[role="progressbar"]');
        const stale = pane.querySelector('.plan.stale-while-busy');
        if (bar && stale) w.__busy.push(bar.getAttribute('aria-valuetext') ?? bar.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByLabel('Start from').selectOption('llama3-70b-chat');
    await showsPlan(page, exampleName('llama3-70b-chat'), 90_000);
    const seen = await page.evaluate(() => (window as unknown as { __busy: string[] }).__busy);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((t) => /Planning/.test(t))).toBe(true);
  }, 120_000);

  it('shows the first syntax error of a missing bracket and keeps the form of the last scenario that parsed', async () => {
    await openPlanner(page);
    await page.getByLabel('Start from').selectOption('hf-import-a100');
    await showsPlan(page, exampleName('hf-import-a100'));
    const yaml = await page.getByLabel('Scenario YAML').inputValue();
    const at = yaml.indexOf('}');
    await page.getByLabel('Scenario YAML').fill(yaml.slice(0, at) + yaml.slice(at + 1));
    const list = page.getByRole('region', { name: 'Problems in the scenario' });
    await list.waitFor({ timeout: 30_000 });
    expect(await list.getByRole('listitem').count()).toBe(1);
    expect(await list.textContent()).toMatch(/\d+:\d+ .*not valid YAML/);
    const gpus = page.locator('#f-hardware-gpus');
    expect(await gpus.inputValue()).toBe('64');
    expect(await gpus.isEditable()).toBe(false);
    expect(await page.getByRole('form', { name: 'Scenario as a form' }).textContent()).toMatch(
      /last scenario that parsed/,
    );
    await expectAccessible(page);
  }, 120_000);

  it('plans with a calibration file the user adds, and cites it (issue #15)', async () => {
    await openPlanner(page);
    const calibration = readFileSync(
      new URL('../../examples/calibration/our-step-times.calib.json', import.meta.url),
      'utf8',
    );
    await page.getByLabel(/^Add a file the scenario names/).setInputFiles({
      name: 'ours.calib.json',
      mimeType: 'application/json',
      buffer: Buffer.from(calibration),
    });
    await page.getByText('Added: ./ours.calib.json').waitFor();
    const yaml = await page.getByLabel('Scenario YAML').inputValue();
    await page.getByLabel('Scenario YAML').fill(`calibration: ./ours.calib.json\n${yaml}`);
    await page.getByText(/^Planned in \d+ ms$/).waitFor({ timeout: 30_000 });
    await page
      .getByRole('button', { name: /^stepTime: .* explain$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').first().textContent()).toMatch(
      /^calibrated on our-step-times\.json/,
    );
    await expectAccessible(page);
  });

  it('leaves screenshots of the planner on a desktop and on a phone', async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const c = await browser.newContext({ viewport: { width: w, height: h } });
      const p = await c.newPage();
      await openPlanner(p);
      await p.getByRole('img', { name: 'Wall-clock time against cluster size' }).waitFor({ timeout: 60_000 });
      await p.screenshot({ path: `${SHOT_DIR}/planner-${w}x${h}.png`, fullPage: true });
      await c.close();
    }
  }, 120_000);
});

async function useTokenOffline(p: Page): Promise<void> {
  await p.getByLabel('Server token').fill('aidc_offline');
  await p.getByRole('button', { name: 'Use token' }).click();
  await p.getByRole('button', { name: 'Save', exact: true }).waitFor();
}
