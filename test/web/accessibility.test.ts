// axe-core (not ours) in Debian's Chromium on the debate page and the Slack install pages, at a
// phone's width and a desktop's: no serious or critical violation.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_PATH, REDIRECT_PATH } from '../../adapters/slack/transport.ts';
import { person } from '../helpers/engine.ts';
import { type ManyBed, startManyBed } from '../slack/many-harness.ts';
import { type PageBed, pageBed } from './bed.ts';
import { type Browser, launchBrowser } from './browser.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = { phone: { width: 375, height: 740 }, desktop: { width: 1280, height: 900 } } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let bed: PageBed;
let many: ManyBed;
let browser: Browser;
let debatePage: string;

beforeAll(async () => {
  bed = await pageBed();
  const opener = person('ana');
  await bed.run(opener, 'lancer Faut-il des plantes vertes au bureau ?');
  await bed.run(person('bob'), 'pour Elles calment, et l’air est meilleur');
  await bed.run(person('cat'), 'contre Qui les arrose en août ?');
  await bed.run(person('bob'), 'voter pour');
  await bed.run(person('cat'), 'voter contre');
  debatePage = await bed.linkOf(opener);
  many = await startManyBed();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await many?.close();
  await bed?.cleanup();
});

/** axe's serious and critical findings on what the page shows at this size. */
async function audit(url: string, size: { width: number; height: number }): Promise<Violation[]> {
  const page: Page = await browser.context.newPage();
  try {
    await page.setViewportSize(size);
    await page.goto(url);
    // Evaluated through the browser's debugging protocol: the page's CSP allows no script.
    await page.evaluate(AXE);
    const violations = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run()).violations;
    })) as Violation[];
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        ...violation,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      }));
  } finally {
    await page.close();
  }
}

describe('accessibility (axe-core)', () => {
  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`the debate page and its English version, at a ${name}'s width`, async () => {
      expect(await audit(debatePage, size)).toEqual([]);
      expect(await audit(`${debatePage}?lang=en`, size)).toEqual([]);
    }, 30_000);

    it(`the install page and the failed-install page, at a ${name}'s width`, async () => {
      const base = many.instances[0]!.base;
      expect(await audit(`${base}${INSTALL_PATH}`, size)).toEqual([]);
      // A redirect without a valid state: the page that says to start again.
      expect(await audit(`${base}${REDIRECT_PATH}?code=x&state=forged`, size)).toEqual([]);
    }, 30_000);
  }
});
