// The debate's page and its downloads: common ground in its own section (hidden while results
// are hidden), the two rounds, the closing note escaped; over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from '../web/bed.ts';

const opener = person('U1');

describe('the debate page', () => {
  let bed: PageBed;
  afterEach(() => bed.cleanup());

  it('has a common ground section once results show, and the closing note, escaped, in the page and its files', async () => {
    bed = await pageBed();
    await bed.run(opener, 'lancer --masque Faut-il un open space ?');
    await bed.run(opener, 'contre Le bruit <script>alert(1)</script>');
    await bed.run(person('U2'), 'voter pour');
    await bed.run(person('U3'), 'voter contre');
    await bed.run(person('U2'), 'appuyer 1');
    await bed.run(person('U3'), 'appuyer 1');
    const url = await bed.linkOf(opener);
    const hidden = await (await fetch(url)).text();
    expect(hidden).not.toContain('id="common-ground"');
    await bed.run(opener, 'clore conclusion Pas d’open space <b>pour l’instant</b>');
    const page = await (await fetch(url)).text();
    expect(page).toContain('<section id="common-ground"><h2>Terrain d’entente</h2>');
    expect(page).toContain('appuyé par 1 pour et 1 contre');
    expect(page).toContain('Le bruit &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain(
      '<section id="closing-note"><h2>Conclusion</h2><blockquote dir="auto"><bdi>Pas d’open space &lt;b&gt;pour l’instant&lt;/b&gt;</bdi></blockquote>',
    );
    expect(page).not.toContain('<b>pour');
    const english = await (await fetch(`${url}?lang=en`)).text();
    expect(english).toContain('<h2>Common ground</h2>');
    expect(english).toContain('<h2>Closing note</h2>');
    const token = url.slice(url.lastIndexOf('/') + 1);
    const csv = await (await fetch(`${url}/debat-1.csv`)).text();
    expect(csv.split('\r\n')[0]).toContain(',common_ground');
    expect(csv).toContain(',pro 1 / con 1');
    expect(csv).toContain('closing_note,1,,,Pas d’open space <b>pour l’instant</b>,');
    const md = await (await fetch(`${url}/debat-1.md`)).text();
    expect(md).toContain('## Terrain d’entente');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
