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
    const gpusRow = table.locator('tr', { hasText: 'site.gpus' });
    expect(await gpusRow.locator('td').allTextContents()).toEqual(['8', '32', '+300%']);
    await page.screenshot({ path: shot('compare'), fullPage: true });
    await expectAccessible(page);

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

  it('plans the chat example in the page in about a second or less (timing log, against an in-page reference)', async () => {
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
    // Before the simulator kept steady decodes as sums the engine took 130 to 330 references here.
    expect(engineMs / referenceMs).toBeLessThan(100);
    expect(shownMs).toBeLessThan(3000);
  }, 60_000);
});

async function useTokenOffline(p: Page): Promise<void> {
  await p.getByLabel('Server token').fill('aidc_offline');
  await p.getByRole('button', { name: 'Use token' }).click();
  await p.getByRole('button', { name: 'Save', exact: true }).waitFor();
}
