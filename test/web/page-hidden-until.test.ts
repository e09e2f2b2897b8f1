// The page of a debate whose counts are hidden says until when: half-time for a blind first round,
// the close for --masque (two rounds or not). Served by the real HTTP server over loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { person } from '../helpers/engine.ts';
import { type PageBed, pageBed } from './bed.ts';

const opener = person('U1');
const masked = person('U1', { channel: 'C2' });

let bed: PageBed;
afterEach(() => bed.cleanup());

const pageOf = async (who: ReturnType<typeof person>) => (await fetch(await bed.linkOf(who))).text();

describe('a page with hidden counts', () => {
  it('says half-time for a blind first round and the close for --masque, then shows the first round', async () => {
    bed = await pageBed();
    await bed.run(opener, 'lancer --deux-tours --duree 4j Semaine de quatre jours ?');
    await bed.run(masked, 'lancer --masque --deux-tours --duree 4j Bureau ouvert ?');
    for (const who of [opener, masked])
      await bed.run({ ...who, user: { ...who.user, id: 'U2' } }, 'voter pour');

    const blind = await pageOf(opener);
    expect(blind).toContain('Premier tour à l’aveugle : résultats dévoilés à la mi-temps.');
    expect(blind).toContain('Les camps quittés et rejoints restent masqués jusqu’à la mi-temps.');
    expect(blind).not.toContain('jusqu’à la clôture');
    const hidden = await pageOf(masked);
    expect(hidden).toContain('Résultats masqués jusqu’à la clôture.');
    expect(hidden).toContain('Les camps quittés et rejoints restent masqués jusqu’à la clôture.');
    expect(hidden).toContain('les votes restent masqués jusqu’à la clôture');
    expect(hidden).not.toContain('dévoilés');

    // Half-time: the blind debate's page shows its first round; the --masque one still hides it.
    await bed.run(opener, 'tour2');
    await bed.run(masked, 'tour2');
    const revealed = await (await fetch(`${await bed.linkOf(opener)}?lang=en`)).text();
    expect(revealed).toContain('Round 1: For 1 · Against 0 · Neutral 0');
    expect(revealed).not.toContain('hidden until');
    const still = await (await fetch(`${await bed.linkOf(masked)}?lang=en`)).text();
    expect(still).toContain('Results hidden until the debate closes.');
    expect(still).not.toContain('Round 1: For');
  });
});
