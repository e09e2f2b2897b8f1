// Common ground, closing notes and two-round debates as people type them in the terminal: the
// real terminal adapter on a real engine and SQLite file, under a clock the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import { type TestBed, testEngine } from '../helpers/engine.ts';
import { firstView } from '../helpers/outcome.ts';
import { answerTo, type TerminalSession, terminalSession } from './terminal-support.ts';

const MONDAY = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let bed: TestBed | undefined;
let term: TerminalSession | undefined;
afterEach(async () => {
  await term?.stop();
  await bed?.cleanup();
  bed = undefined;
  term = undefined;
});

async function start(): Promise<{ bed: TestBed; term: TerminalSession }> {
  bed = await testEngine({ start: MONDAY });
  term = await terminalSession(bed);
  return { bed, term };
}

const paul = { platform: 'terminal' as const, workspaceId: 'local', channelId: 'general' };
const asPaul = { ...paul, user: { id: 'Paul', name: 'Paul', isAdmin: true } };

describe('common ground in the terminal', () => {
  it('appears exactly when people voting pour and contre endorse one argument; a change of side moves it; neutral voters do not count', async () => {
    const { term } = await start();
    await term.type([
      'lancer Semaine de quatre jours ?',
      'pour Moins de trajets',
      'contre Les clients attendent',
      '/as Manon',
      'voter pour',
      'appuyer 2',
      '/as Lea',
      'voter contre',
      'appuyer 2',
      'appuyer 1',
      '/as Noe',
      'voter neutre',
      'appuyer 1',
      'bilan #1',
    ]);
    let tally = answerTo(term.printed(), 'bilan #1');
    expect(tally).toContain('Terrain d’entente');
    expect(tally).toContain(
      'n° 2 · Contre · Les clients attendent (2 appuis, par Paul) · appuyé par 1 pour et 1 contre',
    );
    // n° 1: Lea (contre) and Noe (neutre): one side only.
    expect(tally).not.toMatch(/n° 1 · Pour · Moins de trajets \(2 appuis, par Paul\) · appuyé/);
    // Lea moves to pour: n° 2 has pour endorsers only.
    await term.type(['/as Lea', 'voter pour', 'bilan #1']);
    tally = answerTo(term.printed(), 'bilan #1');
    expect(tally).toContain('Terrain d’entente\n  Aucun argument n’est encore appuyé des deux côtés.');
    expect(tally).not.toContain('appuyé par');
    // Noe leaves neutral for contre: n° 1 now has both sides (Lea pour, Noe contre).
    await term.type(['/as Noe', 'voter contre', 'bilan #1']);
    tally = answerTo(term.printed(), 'bilan #1');
    expect(tally).toContain(
      'n° 1 · Pour · Moins de trajets (2 appuis, par Paul) · appuyé par 1 pour et 1 contre',
    );
    expect(tally).not.toContain('n° 2 · Contre · Les clients attendent (2 appuis, par Paul) · appuyé');
    // The end announcement shows it too; the names of the endorsers never appear.
    await term.type(['/as Paul', 'clore']);
    const ended = answerTo(term.printed(), 'clore');
    expect(ended).toContain('🏁 Débat n° 1 terminé');
    expect(ended).toContain('Terrain d’entente\n  n° 1 · Pour · Moins de trajets');
    expect(ended).not.toMatch(/Lea|Noe|Manon/);
    expect(ended).not.toContain('Aucun argument n’est encore appuyé');
  });

  it('stays hidden while results are hidden and appears with the reveal; anonymous debates show counts, never who', async () => {
    const { term } = await start();
    await term.type([
      'lancer --masque --anonyme Bureau ouvert ?',
      'contre Le bruit',
      '/as Manon',
      'voter pour',
      'appuyer 1',
      '/as Lea',
      'voter contre',
      'appuyer 1',
      'bilan #1',
    ]);
    expect(answerTo(term.printed(), 'bilan #1')).not.toContain('Terrain d’entente');
    await term.type(['/as Paul', 'clore', 'config langue en', 'bilan #1']);
    const ended = answerTo(term.printed(), 'clore');
    expect(ended).toContain(
      'Terrain d’entente\n  n° 1 · Contre · Le bruit (2 appuis) · appuyé par 1 pour et 1 contre',
    );
    expect(ended).not.toMatch(/Paul|Manon|Lea/);
    expect(answerTo(term.printed(), 'bilan #1')).toContain(
      'Common ground\n  #1 · Against · Le bruit (2 endorsements) · endorsed by 1 for and 1 against',
    );
  });
});

describe('closing notes in the terminal', () => {
  it('the opener or an admin leaves one when closing, or later; hostile text is cleaned; shown in both languages and in the exports', async () => {
    const { bed, term } = await start();
    const hostile = 'On essaie <@U123> @everyone \u001b[31mrouge\u001b[0m en **janvier** | =1+1';
    await term.type([
      'lancer Vendredi sans réunion ?',
      '/as Manon',
      'clore conclusion Pas de consensus',
      '/as Paul',
      'conclure #1 Trop tôt',
      `clore conclusion ${hostile}`,
      'bilan #1',
    ]);
    expect(answerTo(term.printed(), 'clore conclusion Pas de consensus')).toContain(
      'Seuls l’auteur du débat et les admins peuvent le clore ou le rouvrir.',
    );
    expect(answerTo(term.printed(), 'conclure #1 Trop tôt')).toContain('✗ Le débat n° 1 est encore ouvert');
    const cleaned = 'On essaie <@U123> @everyone rouge en **janvier** | =1+1';
    const printed = term.printed();
    expect(printed).toContain(`🏁 Débat n° 1 terminé`);
    expect(printed).toContain(`Conclusion\n  « ${cleaned} »`);
    expect(printed).not.toContain('\u001b[31m');
    expect(answerTo(printed, 'bilan #1')).toContain(`Conclusion\n  « ${cleaned} »`);
    const markdown = firstView(await bed.engine.run(asPaul, 'exporter #1'), 'export').content;
    expect(markdown).toContain(
      '## Conclusion\n\n> On essaie \\<@U123\\> @everyone rouge en \\*\\*janvier\\*\\* \\| =1+1',
    );
    const csv = firstView(await bed.engine.run(asPaul, 'exporter #1 csv'), 'export').content;
    expect(csv).toContain(`closing_note,1,,,${cleaned},`);
    // Changed after the close, by an admin; too long or empty is refused and changes nothing.
    await term.type([
      '/as Manon',
      'conclure #1 Pas moi',
      '/as Paul',
      `conclure #1 ${'x'.repeat(501)}`,
      'conclure #1',
      'conclure Finalement : février',
      'config langue en',
      'bilan #1',
    ]);
    expect(answerTo(term.printed(), 'conclure #1 Pas moi')).toContain(
      'Seuls l’auteur du débat et les admins peuvent écrire sa conclusion.',
    );
    expect(answerTo(term.printed(), `conclure #1 ${'x'.repeat(501)}`)).toContain(
      'Une conclusion fait au plus 500 caractères (celle-ci en fait 501).',
    );
    // Without a text, the answer says what to type, and the note stays.
    expect(answerTo(term.printed(), 'conclure #1')).toContain(
      '✗ Il manque la conclusion : /debat conclure [#id] <texte>',
    );
    expect(answerTo(term.printed(), 'conclure Finalement : février')).toContain(
      '✓ Conclusion du débat n° 1 enregistrée.',
    );
    expect(answerTo(term.printed(), 'bilan #1')).toContain('Closing note\n  “Finalement : février”');
    const english = firstView(await bed.engine.run(asPaul, 'export #1'), 'export').content;
    expect(english).toContain('## Closing note\n\n> Finalement : février');
    await term.type(['conclude', 'summary #1']);
    expect(answerTo(term.printed(), 'conclude')).toContain(
      '✗ The note is missing: /debat conclude [#id] <text>',
    );
    expect(answerTo(term.printed(), 'summary #1')).toContain('Closing note\n  “Finalement : février”');
    // Reopened: the note goes with the close.
    await term.type(['reopen #1', 'summary #1']);
    expect(answerTo(term.printed(), 'summary #1')).not.toContain('Closing note');
  });
});

describe('two rounds in the terminal', () => {
  it('needs a duration of two days; the first half is blind; the half-time is posted once; the end shows both rounds and who changed', async () => {
    const { bed, term } = await start();
    await term.type([
      'lancer Télétravail ? --deux-tours',
      'lancer Télétravail ? --deux-tours --duree 1j',
      'lancer Télétravail ? --deux-tours --duree 4j',
      'pour On gagne du temps',
      'contre On perd le lien',
      '/as Manon',
      'voter pour',
      '/as Lea',
      'voter contre',
      'tour2',
      'bilan #1',
    ]);
    const printed = term.printed();
    const needs = 'Un débat à deux tours a besoin d’une durée de 2 jours au moins';
    expect(answerTo(printed, 'lancer Télétravail ? --deux-tours')).toContain(needs);
    expect(answerTo(printed, 'lancer Télétravail ? --deux-tours --duree 1j')).toContain(needs);
    expect(answerTo(printed, 'lancer Télétravail ? --deux-tours --duree 4j')).toContain(
      'Premier tour à l’aveugle : résultats dévoilés à la mi-temps.',
    );
    expect(answerTo(printed, 'tour2')).toContain(
      'Seuls l’auteur du débat et les admins peuvent ouvrir le second tour.',
    );
    const blind = answerTo(printed, 'bilan #1');
    expect(blind).toContain('Premier tour à l’aveugle : résultats dévoilés à la mi-temps.');
    expect(blind).toContain('Votre vote : Contre');
    expect(blind).not.toMatch(/\d \(\d+ %\)/);
    // Half-time (two days in): posted once, however many sweeps.
    bed.clock.set(new Date(MONDAY.getTime() + 2 * DAY));
    await bed.engine.sweep();
    await bed.engine.sweep();
    await bed.engine.settled();
    const heading = '⏱️ Mi-temps du débat n° 1 : voici le premier tour.';
    expect(term.printed().split(heading)).toHaveLength(2);
    const halftime = term.printed().slice(term.printed().indexOf(heading));
    expect(halftime).toContain('1 (50 %)');
    expect(halftime).toContain('Meilleur argument pour : n° 1 · Pour · On gagne du temps');
    expect(halftime).toContain('Meilleur argument contre : n° 2 · Contre · On perd le lien');
    // The second round: Manon changes side and credits n° 2; the opener cannot reopen the first.
    await term.type(['/as Manon', 'voter contre', 'delta 2', '/as Paul', 'tour2']);
    expect(answerTo(term.printed(), 'voter contre')).toContain('Qu’est-ce qui vous a fait changer d’avis ?');
    expect(answerTo(term.printed(), 'tour2')).toContain('Le second tour du débat n° 1 est déjà ouvert.');
    bed.clock.set(new Date(MONDAY.getTime() + 4 * DAY));
    await bed.engine.sweep();
    await bed.engine.settled();
    const end = term.printed().slice(term.printed().lastIndexOf('⏰ Débat n° 1'));
    expect(end).toContain('Deux tours');
    expect(end).toContain('1er tour : Pour 1 · Contre 1 · Neutre 0');
    expect(end).toContain('2d tour : Pour 0 · Contre 2 · Neutre 0');
    expect(end).toContain('1 personne a changé d’avis entre les deux tours');
    expect(end).toContain('1 ∆ attribué : n° 2 (1)');
    expect(term.printed().split(heading)).toHaveLength(2);
  });

  it('the opener starts the second round early (tour2); anonymous, counts only; in English too', async () => {
    const { bed, term } = await start();
    await term.type([
      'config langue en',
      'open --anonymous --two-rounds --duration 2d Open office?',
      '/as Manon',
      'vote for',
      '/as Paul',
      'round2',
      '/as Manon',
      'vote against',
      'summary #1',
    ]);
    const early = answerTo(term.printed(), 'round2');
    expect(early).toContain('⏱️ Half-time in debate #1: here is the first round.');
    expect(early).toContain('1 (100%)');
    const tally = answerTo(term.printed(), 'summary #1');
    expect(tally).toContain('Two rounds');
    expect(tally).toContain('Round 1: For 1 · Against 0 · Neutral 0');
    expect(tally).toContain('Round 2 (under way): For 0 · Against 1 · Neutral 0');
    expect(tally).toContain('1 person changed their mind between the rounds');
    expect(tally).not.toMatch(/Manon|Paul/);
    // The half-time was this answer: no sweep posts another.
    bed.clock.set(new Date(MONDAY.getTime() + DAY + HOUR));
    await bed.engine.sweep();
    await bed.engine.settled();
    expect(term.printed().split('Half-time in debate #1')).toHaveLength(2);
  });
});
