// Editing one's own argument, through the real engine on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.ts';
import { translator } from '../../src/i18n/translate.ts';
import { OPINION_SPAN_MS, pageModel } from '../../src/page/model.ts';
import { SqlitePageStore } from '../../src/store/sqlite/page-store.ts';
import { argumentsSection } from '../../src/web/arguments-section.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
  await bed.engine.run(person('opener'), 'lancer Semaine de quatre jours ?');
  await bed.engine.run(person('a'), 'pour Plus de temps pour soi');
});
afterEach(() => bed.cleanup());

const listOf = async (who: string) =>
  firstView(await bed.engine.run(person(who), 'arguments'), 'arguments').items;

describe('editing one’s own argument', () => {
  it('replaces the text, marks it edited and answers the author privately', async () => {
    const outcome = await bed.engine.run(person('a'), 'modifier 1 Plus de temps pour les siens');
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]?.visibility).toBe('private');
    expect(firstView(outcome, 'notice')).toMatchObject({
      key: 'notice.edited',
      params: { number: 1, debate: 1 },
    });
    expect(outcome.refresh).toEqual([
      { scope: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, number: 1 },
    ]);
    const [item] = await listOf('b');
    expect(item).toMatchObject({ number: 1, text: 'Plus de temps pour les siens', edited: true });
    const stored = await bed.store.argument(1, 1);
    expect(stored?.editedAt).toBe(bed.clock.now().getTime());
    const board = firstView(await bed.engine.run(person('b'), 'bilan #1'), 'scoreboard');
    expect(board.newest).toMatchObject({ text: 'Plus de temps pour les siens', edited: true });
    const exported = firstView(await bed.engine.run(person('b'), 'exporter #1'), 'export');
    expect(exported.content).toContain('Plus de temps pour les siens (par name-a) · 0 appui · 0 ∆ · modifié');
    // The debate's web page marks it too.
    const data = await new SqlitePageStore(bed.db).pageData(1, OPINION_SPAN_MS);
    if (!data) throw new Error('no page data');
    const html = argumentsSection(
      pageModel(data, 'fr', 'Europe/Paris', bed.clock.now().getTime()),
      translator('fr'),
    );
    expect(html).toContain('Plus de temps pour les siens');
    expect(html).toContain('0 appui · 0 ∆ · par name-a · modifié');
  });

  it('is for the author only: neither another member nor an admin edits it', async () => {
    expect(errorCode(await bed.engine.run(person('b'), 'modifier 1 Autre chose'))).toBe('rights.edit');
    expect(errorCode(await bed.engine.run(person('boss', { admin: true }), 'modifier 1 Autre chose'))).toBe(
      'rights.edit',
    );
    expect((await bed.store.argument(1, 1))?.text).toBe('Plus de temps pour soi');
  });

  it('stops once someone endorses it or cites it as a ∆, and says to withdraw and post anew', async () => {
    await bed.engine.run(person('b'), 'appuyer 1');
    const refused = await bed.engine.run(person('a'), 'modifier 1 Autre chose');
    expect(firstView(refused, 'error').error).toEqual({ code: 'argument.frozen', params: { number: 1 } });
    expect((await bed.store.argument(1, 1))?.text).toBe('Plus de temps pour soi');

    await bed.engine.run(person('a'), 'pour Un deuxième');
    await bed.engine.run(person('c'), 'voter contre');
    await bed.engine.run(person('c'), 'voter pour');
    await bed.engine.run(person('c'), 'delta 2');
    expect(errorCode(await bed.engine.run(person('a'), 'modifier 2 Autre chose'))).toBe('argument.frozen');
  });

  it('is offered in the author’s own list only, and only while nobody relies on the text', async () => {
    await bed.engine.run(person('b'), 'contre Les clients appellent le vendredi');
    expect((await listOf('a')).map((i) => i.editableByViewer)).toEqual([true, false]);
    expect((await listOf('b')).map((i) => i.editableByViewer)).toEqual([false, true]);
    await bed.engine.run(person('b'), 'appuyer 1');
    expect((await listOf('a')).map((i) => i.editableByViewer)).toEqual([false, false]);
  });

  it('keeps the limits of a new argument, and refuses a closed debate or a withdrawn argument', async () => {
    expect(errorCode(await bed.engine.run(person('a'), `modifier 1 ${'x'.repeat(1001)}`))).toBe(
      'argument.too_long',
    );
    expect(errorCode(await bed.engine.run(person('a'), 'modifier 1'))).toBe('parse.missing_text');
    expect(errorCode(await bed.engine.run(person('a'), 'modifier'))).toBe('parse.missing_number');
    expect(errorCode(await bed.engine.run(person('a'), 'modifier 7 Texte'))).toBe('argument.not_found');
    await bed.engine.run(person('a'), 'pour Deux');
    await bed.engine.run(person('a'), 'retirer 2');
    expect(errorCode(await bed.engine.run(person('a'), 'modifier 2 Texte'))).toBe('argument.withdrawn');
    await bed.engine.run(person('opener'), 'clore');
    expect(errorCode(await bed.engine.run(person('a'), 'modifier #1 1 Trop tard'))).toBe('debate.closed');
  });

  it('is idempotent per delivery: a redelivered edit is answered as a duplicate', async () => {
    const inv = person('a', { delivery: 'evt-1' });
    expect(firstView(await bed.engine.run(inv, 'modifier 1 Version deux'), 'notice').key).toBe(
      'notice.edited',
    );
    expect(firstView(await bed.engine.run(inv, 'modifier 1 Version deux'), 'notice').key).toBe(
      'notice.duplicate',
    );
  });

  it('works in an anonymous debate, where nobody is named', async () => {
    await bed.engine.run(person('opener'), 'lancer --anonyme Débat sans noms ?');
    await bed.engine.run(person('a'), 'contre #2 Première version');
    expect(errorCode(await bed.engine.run(person('b'), 'modifier #2 1 Piratage'))).toBe('rights.edit');
    await bed.engine.run(person('a'), 'modifier #2 1 Seconde version');
    const list = firstView(await bed.engine.run(person('a'), 'arguments #2'), 'arguments');
    expect(list.items[0]).toMatchObject({ text: 'Seconde version', edited: true, authorName: null });
  });

  it('reads `#id` before or right after the number; a `#3` further on is part of the text', () => {
    expect(parseCommand('modifier #2 3 Voir le #4 aussi')).toEqual({
      ok: true,
      value: { kind: 'edit', argument: 3, debate: 2, text: 'Voir le #4 aussi' },
    });
    expect(parseCommand('edit n° 3 #2 Texte')).toEqual({
      ok: true,
      value: { kind: 'edit', argument: 3, debate: 2, text: 'Texte' },
    });
    expect(parseCommand('modifier trois Texte')).toMatchObject({
      ok: false,
      error: { code: 'parse.bad_number' },
    });
  });

  it('speaks English to an English-speaking author', async () => {
    const outcome = await bed.engine.run(person('a', { locale: 'en' }), 'edit 1 More time for oneself');
    expect(outcome.replies[0]?.language).toBe('en');
    expect(firstView(outcome, 'notice').key).toBe('notice.edited');
  });
});

describe('who may open debates', () => {
  it('is everyone by default; `config lancer admins` keeps it to admins, per channel', async () => {
    const admin = person('boss', { admin: true });
    const saved = firstView(await bed.engine.run(admin, 'config lancer admins'), 'settings');
    expect(saved).toMatchObject({ saved: true, openers: 'admins' });
    expect(errorCode(await bed.engine.run(person('a'), 'lancer Encore un débat ?'))).toBe('rights.open');
    expect(await bed.store.openDebates(person('a'))).toHaveLength(1);
    expect(firstView(await bed.engine.run(admin, 'lancer Débat d’admin ?'), 'scoreboard').debate.number).toBe(
      2,
    );
    // Another channel keeps its own setting.
    expect(
      firstView(await bed.engine.run(person('a', { channel: 'C2' }), 'lancer Ailleurs ?'), 'scoreboard')
        .debate.number,
    ).toBe(3);
    expect(firstView(await bed.engine.run(admin, 'config lancer tous'), 'settings').openers).toBe('everyone');
    expect(
      firstView(await bed.engine.run(person('a'), 'lancer De nouveau ouvert ?'), 'scoreboard').debate.number,
    ).toBe(4);
  });

  it('is changed by admins only, in either language; a wrong word says what to type', async () => {
    expect(errorCode(await bed.engine.run(person('a'), 'config lancer admins'))).toBe('rights.settings');
    const admin = person('boss', { admin: true, locale: 'en' });
    expect(firstView(await bed.engine.run(admin, 'settings open admins'), 'settings').openers).toBe('admins');
    expect(firstView(await bed.engine.run(admin, 'settings open everyone'), 'settings').openers).toBe(
      'everyone',
    );
    expect(firstView(await bed.engine.run(admin, 'config lancer personne'), 'error').error).toEqual({
      code: 'settings.bad_openers',
      params: { word: 'personne' },
    });
  });
});
