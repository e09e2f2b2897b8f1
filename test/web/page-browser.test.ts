// The debate's page in a real browser (Debian's Chromium through playwright-core): what a person
// sees, the chart drawn, the downloads, the 404s, and hostile texts that stay text.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../src/commands/parse.ts';
import type { Side } from '../../src/domain/types.ts';
import { OPINION_SPAN_MS } from '../../src/page/model.ts';
import { pageToken } from '../../src/page/token.ts';
import { person } from '../helpers/engine.ts';
import { HOSTILE } from '../reliability/support/hostile.ts';
import { type PageBed, pageBed } from './bed.ts';
import { type Browser, launchBrowser } from './browser.ts';
import { PEOPLE, playDebate, twoSummaries } from './scenario.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'page');
const TOPIC = 'Sur Twitter, faut-il mêler vie perso et vie pro ?';

let bed: PageBed;
let browser: Browser;
let link: string;
const requests: string[] = [];
const consoleErrors: string[] = [];

/** A page whose console errors and uncaught exceptions are collected; JS off unless asked. */
async function openPage(options: { javascript?: boolean } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    consoleErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (!options.javascript) {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
  return page;
}

beforeAll(async () => {
  bed = await pageBed();
  await playDebate(bed, TOPIC);
  await twoSummaries(bed, 1);
  link = await bed.linkOf(PEOPLE.alice, 'page #1');
  browser = await launchBrowser();
  browser.context.on('request', (request: Request) => void requests.push(request.url()));
  // The hook hostile texts would have to call to prove they ran, and CSP violations counted.
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __ran: string[]; __pwned: (tag: string) => void; __violations: number };
    w.__ran = [];
    w.__violations = 0;
    w.__pwned = (tag) => void w.__ran.push(tag);
    document.addEventListener('securitypolicyviolation', () => void w.__violations++);
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bed?.cleanup();
});

describe('the debate page in Chromium', () => {
  it('shows the debate, its tally, arguments side by side, the ∆ log and the weeks, JavaScript off', async () => {
    const page = await openPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[^']+'/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-robots-tag']).toContain('noindex');

    expect(await page.locator('h1').innerText()).toBe(TOPIC);
    expect(await page.locator('header').innerText()).toContain('Lancé par name-U1');
    const tally = await page.locator('.tally li').allInnerTexts();
    expect(tally.map((line) => line.replace(/\s+/g, ' '))).toEqual([
      'Pour 3 · 60 %',
      'Contre 1 · 20 %',
      'Neutre 1 · 20 %',
    ]);
    // Most endorsed first on each side, with endorsements and ∆.
    expect(await page.locator('.side.pro li .number').allInnerTexts()).toEqual(['n° 1', 'n° 3']);
    expect(await page.locator('.side.con li .number').allInnerTexts()).toEqual(['n° 2']);
    expect(await page.locator('#argument-1 .counts').innerText()).toBe('2 appuis · 1 ∆ · par name-U1');
    const deltas = await page.locator('#deltas').innerText();
    expect(deltas).toContain('La transparence crée la confiance');
    expect(deltas).toContain('Contre → Pour : 1');
    expect(deltas).toContain('Neutre → Pour : 1');
    expect(await page.locator('#history tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^23 nov\. 2026\s+3 \(\+2\)\s+2 \(±0\)\s+1 \(±0\)$/),
      expect.stringMatching(/^16 nov\. 2026\s+1\s+2\s+1$/),
    ]);

    // The opinion chart is drawn: three lines across the plot, a bar per day with a switch.
    const lines = page.locator('svg.chart polyline');
    expect(await lines.count()).toBe(3);
    for (const line of await lines.all()) expect((await line.boundingBox())?.width).toBeGreaterThan(200);
    expect(await page.locator('svg.chart rect.switch').count()).toBe(3);
    // Its last point is the tally: 3 pro, 1 con, 1 neutral.
    const newest = await page.locator('#opinion tbody tr').first().locator('td').allTextContents();
    expect(newest).toEqual(['27 nov. 2026', '3', '1', '1', '1']);

    // The language switch is a plain link.
    await page.getByRole('link', { name: 'English' }).click();
    expect(page.url()).toBe(`${link}?lang=en`);
    expect(await page.locator('#tally h2').innerText()).toBe('Tally');
    expect(await page.locator('.side.pro h3').innerText()).toBe('For (2)');
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('downloads the same CSV and Markdown as /debat exporter', async () => {
    const page = await openPage();
    await page.goto(link);
    for (const [label, line, name] of [
      ['Tableau CSV', 'exporter #1 csv', 'debat-1.csv'],
      ['Document Markdown', 'exporter #1', 'debat-1.md'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByText(label).click()]);
      expect(download.suggestedFilename()).toBe(name);
      const exported = (await bed.run(PEOPLE.bruno, line)).replies[0]!.view;
      expect(exported.kind).toBe('export');
      expect(readFileSync(await download.path(), 'utf8')).toBe(
        exported.kind === 'export' ? exported.content : '',
      );
    }
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('reads on a phone and on a desktop (screenshots kept in test-artifacts/page)', async () => {
    const page = await openPage();
    for (const [name, width, height] of [
      ['phone', 390, 844],
      ['desktop', 1280, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const language of ['fr', 'en']) {
        await page.goto(`${link}?lang=${language}`);
        // Nothing wider than the screen: no sideways scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${language}.png`), fullPage: true });
      }
    }
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('answers a forged token, another debate’s token and a revoked one with the same 404', async () => {
    await bed.run(PEOPLE.alice, 'lancer Un second débat');
    const second = await bed.linkOf(PEOPLE.alice, 'page #2');
    const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
    const [first2, second2] = [tokenOf(link), tokenOf(second)];
    const uidOf = (token: string) => Buffer.from(token, 'base64url').subarray(0, 16);
    const macOf = (token: string) => Buffer.from(token, 'base64url').subarray(16);
    const splice = (uid: Buffer, mac: Buffer) => Buffer.concat([uid, mac]).toString('base64url');
    const flipped = first2.slice(0, 30) + (first2[30] === 'A' ? 'B' : 'A') + first2.slice(31);
    await bed.run(PEOPLE.alice, 'page revoquer #2');
    const wrong = [
      `${bed.base}/d/${flipped}`,
      `${bed.base}/d/${splice(uidOf(second2), macOf(first2))}`,
      `${bed.base}/d/${pageToken('another-secret-of-16+', (await bed.store.findDebate(PEOPLE.alice, 1))!.uid, 1)}`,
      second,
      `${bed.base}/d/${first2}/debat-2.csv`,
      `${bed.base}/d/${first2.slice(0, -1)}`,
      `${bed.base}/d/${splice(Buffer.alloc(16, 7), macOf(first2))}`,
    ];
    const page = await openPage();
    const bodies = new Set<string>();
    for (const url of wrong) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      bodies.add((await response!.body()).toString('base64'));
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('Un second débat');
      expect(text).not.toContain(TOPIC);
    }
    expect(bodies.size).toBe(1);
    await page.close();
    // Chromium reports each 404 document as a failed resource load, and nothing else.
    expect(consoleErrors.filter((e) => !e.includes('404'))).toEqual([]);
    consoleErrors.length = 0;
  });

  it('renders the hostile corpus as inert text: no script runs (the page hook stays untouched)', async () => {
    const hostile = person('U66');
    hostile.user.name = '<img src=x onerror="__pwned(\'name\')">';
    const topic = `<script>__pwned('topic')</script> \u202eevil ${'x'.repeat(150)}`;
    const opened = await bed.run(hostile, `lancer ${topic}`);
    const number = opened.opened!.number;
    const payloads = [
      ...HOSTILE.map((h) => h.input),
      '<script>__pwned("script")</script>',
      '<svg onload=__pwned("svg")>',
      '"><img src=x onerror=__pwned("attr")>',
      "'><a href=javascript:__pwned('href')>clic</a>",
      '</bdi></span></li><style>body{display:none}</style>',
      `${'w'.repeat(999)}`,
    ];
    const sides: Side[] = ['pro', 'con'];
    let added = 0;
    for (const [index, raw] of payloads.entries()) {
      const text = parseText('argument', raw);
      if (!text.ok) continue;
      await bed.engine.execute(hostile, {
        kind: 'argue',
        side: sides[index % 2]!,
        text: text.value,
        debate: number,
      });
      added++;
    }
    expect(added).toBeGreaterThan(250);
    const url = await bed.linkOf(hostile, `page #${number}`);
    const page = await openPage({ javascript: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.goto(url))?.status()).toBe(200);
    // The hook works (a check that can fail), and nothing on the page ever called it.
    const hook = await page.evaluate(() => {
      const w = window as unknown as {
        __ran: string[];
        __pwned: (tag: string) => void;
        __violations: number;
      };
      const before = [...w.__ran];
      w.__pwned('control');
      return { before, after: w.__ran, violations: w.__violations };
    });
    expect(hook).toEqual({ before: [], after: ['control'], violations: 0 });
    const structure = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith('on')),
      ).length,
      links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      styles: document.querySelectorAll('style').length,
      wide: document.documentElement.scrollWidth,
    }));
    expect(structure.scripts).toBe(0);
    expect(structure.handlers).toBe(0);
    expect(structure.styles).toBe(1);
    expect(
      structure.links.filter(
        (href) => !/^(\?lang=en|#argument-\d+|[\w-]{43}\/debat-\d+\.(csv|md)\?lang=fr)$/.test(href),
      ),
    ).toEqual([]);
    expect(structure.wide).toBeLessThanOrEqual(390);
    // Each argument reads exactly as stored.
    const data = await bed.pages.pageData((await bed.store.findDebate(hostile, number))!.id, OPINION_SPAN_MS);
    const shown = await page.locator('#arguments li bdi').allTextContents();
    expect(shown.sort()).toEqual(data!.arguments.map((a) => a.text).sort());
    expect(await page.locator('h1').textContent()).toBe(data!.debate.topic);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-phone.png'), fullPage: false });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it('sent no request anywhere but 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(10);
    const away = requests.filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1');
    expect(away).toEqual([]);
  });
});
