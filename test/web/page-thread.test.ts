// The page of a SQLite file is read on the reading thread and built in slices: a failed thread
// read answers that request's error and the next request is served; a debate with more common
// ground than the page lists counts the rest, and its downloads keep every argument.
import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_COMMON_GROUND_SHOWN } from '../../src/page/model.ts';
import { closeReader } from '../../src/store/sqlite/reader.ts';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';
import { PEOPLE, playDebate } from './scenario.ts';

let bed: PageBed;
afterEach(() => bed.cleanup());

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
};

describe('the page on the reading thread', () => {
  it('answers a failed thread read with an error, and serves the page and its files at the next request', async () => {
    bed = await pageBed();
    await playDebate(bed, 'Sujet');
    const url = await bed.linkOf(PEOPLE.alice);
    const file = bed.store.db.name;
    // The thread opens its own connection to the file at its first read: with the file away, it
    // cannot start, and every read it was given fails.
    await closeReader(bed.store.db);
    renameSync(file, `${file}.away`);
    try {
      for (const target of [url, `${url}/debat-1.csv`, `${url}/debat-1.md`])
        expect((await get(target)).status, target).toBe(500);
    } finally {
      renameSync(`${file}.away`, file);
    }
    // The process lives on: a new thread reads, and builds what a fresh bed would.
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<section id="arguments">');
    for (const name of ['debat-1.csv', 'debat-1.md']) {
      const download = await get(`${url}/${name}`);
      expect(download.status, name).toBe(200);
      expect(download.body.length, name).toBeGreaterThan(100);
    }
    // A vote still counts, and the page shows it once rebuilt.
    await bed.run(person('U9'), 'voter pour');
    bed.clock.advance(3_000);
    expect((await get(url)).body.toString()).not.toBe(page.body.toString());
  });

  it('lists the first arguments of common ground and counts the rest; the downloads have them all', async () => {
    bed = await pageBed();
    const opener = person('U1');
    await bed.run(opener, 'lancer Un grand débat');
    const count = PAGE_COMMON_GROUND_SHOWN + 3;
    await bed.run(person('P'), 'voter pour');
    await bed.run(person('C'), 'voter contre');
    for (let n = 1; n <= count; n++) {
      const outcome = await bed.run(person(`A${n}`), `pour Argument numéro ${n}`);
      expect(outcome.replies[0]?.view.kind).not.toBe('error');
      await bed.run(person('P'), `appuyer ${n}`);
      await bed.run(person('C'), `appuyer ${n}`);
    }
    const url = await bed.linkOf(opener);
    const page = (await get(url)).body.toString();
    const section = page.slice(page.indexOf('<section id="common-ground">'));
    const ground = section.slice(0, section.indexOf('</section>'));
    expect(ground.match(/appuyé par 1 pour et 1 contre/g)).toHaveLength(PAGE_COMMON_GROUND_SHOWN);
    expect(ground).toContain('et 3 autres arguments');
    const csv = (await get(`${url}/debat-1.csv`)).body.toString();
    expect(csv.match(/,pro 1 \/ con 1\r\n/g)).toHaveLength(count);
  });
});
