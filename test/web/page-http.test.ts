// The page over plain HTTP: what anonymous and hidden-results debates show, the headers, the
// channel's zone and language. (test/web/page-browser.test.ts looks at it in a browser.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';
import { PEOPLE, playDebate } from './scenario.ts';

let bed: PageBed;
beforeEach(async () => {
  bed = await pageBed();
});
afterEach(() => bed.cleanup());

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.text() };
};
const names = ['name-U1', 'name-U2', 'name-U3', 'name-U4', 'name-U5'];

describe('the debate page over HTTP', () => {
  it('sends the security headers on the page, its downloads and the 404', async () => {
    await playDebate(bed, 'Sujet');
    const url = await bed.linkOf(PEOPLE.alice);
    for (const target of [url, `${url}/debat-1.csv`, `${url}/debat-1.md`, `${url}x`]) {
      const { headers } = await get(target);
      expect(headers.get('content-security-policy'), target).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]{44}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
      );
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-robots-tag')).toBe('noindex, nofollow, noarchive');
      expect(headers.get('x-frame-options')).toBe('DENY');
      // The page itself may be kept by the reader's browser only, and is asked again each time.
      expect(headers.get('cache-control')).toBe(target === url ? 'private, no-cache' : 'no-store');
    }
    expect((await get(`${url}/debat-1.csv`)).headers.get('content-disposition')).toBe(
      'attachment; filename="debat-1.csv"',
    );
    const page = await get(url);
    expect(page.body).not.toMatch(/<script|style="/);
    expect(page.body).toContain('<meta name="referrer" content="no-referrer">');
  });

  it('names nobody in an anonymous debate, on the page or in its downloads', async () => {
    await playDebate(bed, 'Sujet anonyme', '--anonyme');
    const url = await bed.linkOf(PEOPLE.alice);
    const page = await get(url);
    expect(page.body).toContain('Débat anonyme');
    expect(page.body).toContain('La transparence crée la confiance');
    for (const target of [url, `${url}/debat-1.csv`, `${url}/debat-1.md`, `${url}?lang=en`]) {
      const { status, body } = await get(target);
      expect(status).toBe(200);
      for (const name of names) expect(body, target).not.toContain(name);
    }
  });

  it('shows no count of a hidden-results debate until it closes', async () => {
    await playDebate(bed, 'Sujet masqué', '--masque');
    const url = await bed.linkOf(PEOPLE.alice);
    const hidden = (await get(url)).body;
    expect(hidden).toContain('Résultats masqués jusqu’à la clôture.');
    expect(hidden).not.toContain('class="tally"');
    expect(hidden).not.toContain('id="opinion"');
    expect(hidden).not.toMatch(/→/);
    expect(hidden).not.toContain('votants');
    const csv = (await get(`${url}/debat-1.csv`)).body;
    expect(csv).not.toMatch(/^vote,/m);

    await bed.run(PEOPLE.alice, 'clore');
    const closed = (await get(url)).body;
    expect(closed).toContain('class="tally"');
    expect(closed).toContain('id="opinion"');
    expect(closed).toContain('Contre → Pour : 1');
    expect((await get(`${url}/debat-1.csv`)).body).toMatch(/^vote,/m);
  });

  it('speaks the channel’s language and shows times in its zone', async () => {
    const admin = person('U9', { admin: true });
    await bed.run(admin, 'config langue en');
    await bed.run(admin, 'config fuseau America/Toronto');
    await bed.run(admin, 'lancer Remote work?');
    const url = await bed.linkOf(admin);
    const english = (await get(url)).body;
    expect(english).toContain('<html lang="en">');
    // 10:00 UTC is 05:00 in Toronto.
    expect(english).toContain('Opened on 24 November 2026 at 05:00 · Times in America/Toronto');
    expect((await get(`${url}?lang=fr`)).body).toContain('Ouvert le 24 novembre 2026 à 05:00');
    // Anything else than fr or en is the channel's language.
    expect((await get(`${url}?lang=de`)).body).toContain('<html lang="en">');
  });

  it('answers only GET under /d/, and nothing else than the page and its two files', async () => {
    await bed.run(PEOPLE.alice, 'lancer Sujet');
    const url = await bed.linkOf(PEOPLE.alice);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
    for (const other of [
      `${url}/`,
      `${url}/debat-1.txt`,
      `${url}/debat-1.csv/x`,
      `${bed.base}/d/`,
      `${bed.base}/d`,
    ])
      expect((await fetch(other)).status, other).toBe(404);
  });
});
