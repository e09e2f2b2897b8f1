// The page and its downloads are built once per debate revision: many readers cost one build, a
// reader who has it gets a 304, and any change makes the next request build it again.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageLinks } from '../../src/page/links.ts';
import type { PageStore } from '../../src/store/ports/pages.ts';
import { readerOf } from '../../src/store/sqlite/reader.ts';
import { PAGE_ARGUMENTS_PER_SIDE } from '../../src/web/arguments-section.ts';
import { PAGE_REBUILD_MS } from '../../src/web/page-cache.ts';
import { PAGE_READS_AT_ONCE, PAGE_READS_WAITING, pageReadsAtOnce } from '../../src/web/routes.ts';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';

let bed: PageBed;
beforeEach(async () => {
  bed = await pageBed();
});
afterEach(async () => {
  await bed.cleanup();
});

const get = async (url: string, etag?: string) => {
  const res = await fetch(url, etag ? { headers: { 'if-none-match': etag } } : {});
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: await res.text(),
    cache: res.headers.get('cache-control'),
  };
};

/** A GET with exactly these headers (fetch adds and undoes its own Accept-Encoding). */
const raw = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );

describe('the page cache', () => {
  it('sends the page and its downloads gzip-compressed to a client that takes gzip, each encoding with its own validator', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Compressé ?');
    await bed.run(person('bob'), 'pour Un argument qui se répète, qui se répète, qui se répète');
    const url = await bed.linkOf(opener);
    for (const address of [url, `${url}/debat-1.csv`, `${url}/debat-1.md`]) {
      const plain = await raw(address, {});
      const zipped = await raw(address, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(plain.body.length);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect(zipped.headers.etag).not.toBe(plain.headers.etag);
      // A browser that has the compressed page gets a 304 for it; its validator is not the other's.
      const gzEtag = String(zipped.headers.etag);
      expect((await raw(address, { 'accept-encoding': 'gzip', 'if-none-match': gzEtag })).status).toBe(304);
      expect((await raw(address, { 'if-none-match': gzEtag })).status).toBe(200);
      // Refused gzip is plain.
      expect(
        (await raw(address, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'],
      ).toBeUndefined();
    }
    expect(bed.cache.counts.builds).toBe(3);
  });

  it('reads Accept-Encoding as HTTP says: preferences and q-values', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Encodages ?');
    const url = await bed.linkOf(opener);
    const encodingFor = async (acceptEncoding: string) =>
      (await raw(url, { 'accept-encoding': acceptEncoding })).headers['content-encoding'] ?? 'none';
    expect(await encodingFor('gzip, deflate, br')).toBe('gzip');
    expect(await encodingFor('GZIP;q=0.5')).toBe('gzip');
    expect(await encodingFor('*')).toBe('gzip');
    expect(await encodingFor('gzip;q=0')).toBe('none');
    expect(await encodingFor('gzip;q=0.1, identity;q=1')).toBe('none');
    expect(await encodingFor('identity')).toBe('none');
    expect(await encodingFor('br, x-gzip2')).toBe('none');
    expect(await encodingFor('')).toBe('none');
  });

  it('builds once for many readers, answers 304 to one who has it, and builds again after a change', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Cache ?');
    await bed.run(person('bob'), 'pour Un argument');
    const url = await bed.linkOf(opener);
    const readers = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    expect(new Set(readers.map((r) => `${r.status} ${r.etag}`)).size).toBe(1);
    expect(bed.cache.counts.builds).toBe(1);
    const etag = readers[0]!.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);

    const again = await get(url, etag);
    expect(again).toMatchObject({ status: 304, etag, body: '', cache: 'private, no-cache' });
    expect(bed.cache.counts.builds).toBe(1);

    // A vote changes the page. Within PAGE_REBUILD_MS of the last build, the page just built is
    // served (a debate voted on without pause is not rebuilt for every reader); then a new build.
    await bed.run(person('cat'), 'voter contre');
    expect((await get(url, etag)).status).toBe(304);
    expect(bed.cache.counts).toMatchObject({ builds: 1, recent: 1 });
    bed.clock.advance(PAGE_REBUILD_MS);
    const changed = await get(url, etag);
    expect(changed.status).toBe(200);
    expect(changed.etag).not.toBe(etag);
    expect(bed.cache.counts.builds).toBe(2);
    // Another language is another page.
    expect((await get(`${url}?lang=en`)).etag).not.toBe(changed.etag);

    // The downloads too.
    const csv = await get(`${url}/debat-1.csv`);
    expect(csv.status).toBe(200);
    expect((await get(`${url}/debat-1.csv`, csv.etag!)).status).toBe(304);
  });

  it('shows the most endorsed arguments of each side and links the rest to the downloads', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Beaucoup ?');
    const extra = 7;
    for (let i = 0; i < PAGE_ARGUMENTS_PER_SIDE + extra; i++)
      await bed.run(person(`p${i % 3}`), `pour Argument ${i}`);
    await bed.run(person('zed'), 'appuyer 107');
    const { body } = await get(await bed.linkOf(opener));
    const pro = body.slice(body.indexOf('class="side pro"'), body.indexOf('class="side con"'));
    expect(pro.match(/<li id="argument-/g)).toHaveLength(PAGE_ARGUMENTS_PER_SIDE);
    expect(pro).toContain(`(${PAGE_ARGUMENTS_PER_SIDE + extra})`);
    // The endorsed one comes first, whatever its number.
    expect(pro.indexOf('id="argument-107"')).toBeLessThan(pro.indexOf('id="argument-1"'));
    expect(pro).toContain(`<a href="#downloads">${extra} autres arguments, dans les téléchargements`);
    const csv = (await get(`${await bed.linkOf(opener)}/debat-1.csv`)).body;
    expect(csv.split('\r\n').filter((line) => line.startsWith('argument,'))).toHaveLength(
      PAGE_ARGUMENTS_PER_SIDE + extra,
    );
  });

  it('reads the store for a few page requests at a time, and answers 503 with Retry-After once too many wait', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Tout le monde lit ?');
    const url = await bed.linkOf(opener);
    // The reading thread busy with a long read: the page's data waits behind it, and so do the
    // requests holding a slot; the others queue, up to the limit.
    const long = readerOf(bed.store.db)!.read([
      {
        sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 15000000) SELECT count(*) AS c FROM n',
      },
    ]);
    const total = PAGE_READS_AT_ONCE + PAGE_READS_WAITING + 40;
    const answers = await Promise.all(
      Array.from({ length: total }, () =>
        fetch(url).then(async (res) => ({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: await res.text(),
        })),
      ),
    );
    await long;
    const busy = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(busy.length + served.length).toBe(total);
    expect(busy.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(PAGE_READS_AT_ONCE + PAGE_READS_WAITING);
    for (const answer of busy) {
      expect(answer.retryAfter).toBe('1');
      expect(answer.body).toContain('Too many requests');
      expect(answer.body).toContain('Trop de demandes');
    }
    expect(new Set(served.map((a) => a.body)).size).toBe(1);
    expect(served[0]!.body).toContain('Tout le monde lit ?');
    expect(bed.cache.counts.builds).toBe(1);
  });

  it('shares one link read among the requests for a page that arrive during it, and keeps nothing after', async () => {
    const opener = person('ana');
    await bed.run(opener, 'lancer Lu une fois ?');
    const debate = (await bed.store.currentDebate(opener))!;
    // The real store, its link read held until the test lets it go.
    let reads = 0;
    let letGo = () => {};
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const store: PageStore = {
      pageVersion: (id) => bed.pages.pageVersion(id),
      revokePages: (id) => bed.pages.revokePages(id),
      pageData: (id, span) => bed.pages.pageData(id, span),
      pageLink: async (uid) => {
        reads++;
        await held;
        return bed.pages.pageLink(uid);
      },
    };
    const links = new PageLinks(
      { store, publicUrl: bed.base },
      'a-secret-of-the-test',
      async () => undefined,
    );
    const token = (await links.url(debate))!.split('/d/')[1]!;
    const opening = Array.from({ length: 8 }, () => links.open(token));
    letGo();
    const opened = await Promise.all(opening);
    expect(reads).toBe(1);
    for (const one of opened) expect(one?.debate.id).toBe(debate.id);
    // Once read, nothing is kept: a revoked link is refused at the next request.
    await bed.pages.revokePages(debate.id);
    expect(await links.open(token)).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('leaves at least half of a PostgreSQL pool to votes, and one read to pages however small it is', () => {
    expect(pageReadsAtOnce()).toBe(PAGE_READS_AT_ONCE);
    expect([1, 2, 3, 4, 6, 8, 10, 50].map((pool) => pageReadsAtOnce(pool))).toEqual([1, 1, 1, 2, 3, 4, 4, 4]);
  });
});
