import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { errorCode, firstView } from '../helpers/outcome.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await testEngine();
});
afterEach(() => bed.cleanup());

/** The database as bytes on disk, WAL included, after a checkpoint. */
const databaseBytes = (): string => {
  bed.db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(bed.path).toString('latin1');
};

describe('anonymous debates', () => {
  const voters = ['U0SECRETALICE', 'U0SECRETBOBBY', 'U0SECRETCLAIRE'];

  beforeEach(async () => {
    await bed.engine.run(person('U0SECRETOPENER'), 'lancer Augmenter les salaires ? --anonyme');
    await bed.engine.run(person(voters[0]!), 'pour Le coût de la vie monte');
    await bed.engine.run(person(voters[1]!), 'contre Le budget est serré');
    await bed.engine.run(person(voters[0]!), 'voter pour');
    await bed.engine.run(person(voters[1]!), 'voter contre');
    await bed.engine.run(person(voters[2]!), 'voter contre');
    await bed.engine.run(person(voters[2]!), 'voter pour');
    await bed.engine.run(person(voters[2]!), 'delta 1');
    await bed.engine.run(person(voters[1]!), 'appuyer 1');
  });

  it('keep no voter, author or opener id anywhere in the database file', () => {
    const bytes = databaseBytes();
    for (const id of [...voters, 'U0SECRETOPENER']) expect(bytes).not.toContain(id);
    for (const name of ['name-U0SECRET']) expect(bytes).not.toContain(name);
  });

  it('still count each person once and let them change their vote', async () => {
    const board = firstView(await bed.engine.run(person(voters[0]!), 'bilan #1'), 'scoreboard');
    expect(board.counts).toEqual({ pro: 2, con: 1, neutral: 0 });
    expect(board.participants).toBe(3);
    expect(board.deltas).toBe(1);
    expect(board.viewerVote).toBe('pro');
  });

  it('name nobody in views or exports', async () => {
    const board = firstView(await bed.engine.run(person(voters[0]!), 'bilan #1'), 'scoreboard');
    expect(board.debate.openerName).toBeNull();
    expect(board.topPro?.authorName).toBeNull();
    for (const format of ['', 'csv']) {
      const exported = firstView(await bed.engine.run(person(voters[0]!), `exporter ${format}`), 'export');
      for (const id of [...voters, 'U0SECRETOPENER']) expect(exported.content).not.toContain(id.slice(0, 8));
      expect(exported.content).not.toContain('name-');
    }
  });

  it('let the opener close them, and only them (or an admin)', async () => {
    expect(errorCode(await bed.engine.run(person(voters[0]!), 'clore'))).toBe('rights.close');
    expect(firstView(await bed.engine.run(person('U0SECRETOPENER'), 'clore'), 'scoreboard').ended).toEqual({
      channelId: 'C1',
      byDuration: false,
    });
  });

  it('use a different key for the same person in two debates', async () => {
    await bed.engine.run(person('U0SECRETOPENER'), 'lancer Autre sujet --anonyme');
    await bed.engine.run(person(voters[0]!), 'voter pour');
    const keys = bed.db.prepare('SELECT DISTINCT voter_key FROM votes').all() as { voter_key: string }[];
    expect(keys).toHaveLength(4);
  });
});

describe('hidden-results debates', () => {
  it('show counts only after closing, while each person sees their own vote', async () => {
    await bed.engine.run(person('o'), 'lancer Sujet --masque');
    await bed.engine.run(person('a'), 'voter pour');
    await bed.engine.run(person('b'), 'voter contre');
    const open = firstView(await bed.engine.run(person('a'), 'bilan #1'), 'scoreboard');
    expect(open.counts).toBeNull();
    expect(open.viewerVote).toBe('pro');
    const live = await bed.engine.liveScoreboard(person('a'), 1);
    expect(live?.view).toMatchObject({ kind: 'scoreboard', counts: null });
    expect(firstView(await bed.engine.run(person('a'), 'liste'), 'debateList').items[0]?.counts).toBeNull();
    expect(firstView(await bed.engine.run(person('a'), 'exporter csv'), 'export').content).not.toContain(
      'vote,',
    );
    await bed.engine.run(person('o'), 'clore');
    const closed = firstView(await bed.engine.run(person('a'), 'bilan #1'), 'scoreboard');
    expect(closed.counts).toEqual({ pro: 1, con: 1, neutral: 0 });
  });
});

describe('oublier-moi', () => {
  it('erases votes, history and endorsements and unsigns arguments, in every debate of the workspace', async () => {
    await bed.engine.run(person('o'), 'lancer Public');
    await bed.engine.run(person('U0FORGET'), 'pour Mon argument');
    await bed.engine.run(person('U0FORGET'), 'voter contre');
    await bed.engine.run(person('U0FORGET'), 'voter pour');
    await bed.engine.run(person('o'), 'pour Un autre');
    await bed.engine.run(person('U0FORGET'), 'appuyer 2');
    await bed.engine.run(person('o', { channel: 'C2' }), 'lancer Anonyme --anonyme');
    await bed.engine.run(person('U0FORGET', { channel: 'C2' }), 'voter pour');
    await bed.engine.run(person('U0FORGET', { channel: 'C2' }), 'pour Argument anonyme');

    // First a question: it reaches every channel and cannot be undone. Nothing is erased yet.
    const asked = await bed.engine.run(person('U0FORGET'), 'oublier-moi');
    expect(asked.replies).toEqual([
      expect.objectContaining({ visibility: 'private', view: { kind: 'forgetConfirm' } }),
    ]);
    expect(bed.db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 2 });
    expect(
      firstView(await bed.engine.run(person('U0FORGET'), 'oublier-moi maintenant'), 'forgetConfirm'),
    ).toEqual({
      kind: 'forgetConfirm',
    });
    expect(bed.db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 2 });

    const outcome = await bed.engine.run(person('U0FORGET'), 'oublier-moi confirmer');
    // Every scoreboard the person was on changes, in both channels.
    expect(outcome.refresh.map((r) => [r.scope.channelId, r.number]).sort()).toEqual([
      ['C1', 1],
      ['C2', 2],
    ]);
    expect(firstView(outcome, 'notice')).toMatchObject({
      key: 'notice.forgotten',
      params: { votes: '2 votes', endorsements: '1 appui', arguments: '2 arguments' },
    });
    expect(databaseBytes()).not.toContain('U0FORGET');
    expect(bed.db.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 0 });
    expect(bed.db.prepare('SELECT count(*) AS n FROM vote_events').get()).toEqual({ n: 0 });
    expect(bed.db.prepare('SELECT count(*) AS n FROM endorsements').get()).toEqual({ n: 0 });
    expect(bed.db.prepare('SELECT count(*) AS n FROM arguments WHERE author_key IS NULL').get()).toEqual({
      n: 2,
    });
    const list = firstView(await bed.engine.run(person('o'), 'arguments #1'), 'arguments');
    expect(list.items[0]).toMatchObject({ text: 'Mon argument', authorName: null });
  });
});

describe('export', () => {
  beforeEach(async () => {
    await bed.engine.run(person('o'), 'lancer Télétravail | le *vendredi* ?');
    await bed.engine.run(person('a'), 'pour =HYPERLINK("x") "guillemets", virgules');
    await bed.engine.run(person('b'), 'contre Moins de café partagé');
    await bed.engine.run(person('a'), 'voter contre');
    await bed.engine.run(person('a'), 'voter pour');
    await bed.engine.run(person('a'), 'delta 1');
  });

  it('writes Markdown with the tally, the arguments and the changes of mind', async () => {
    const view = firstView(await bed.engine.run(person('a'), 'exporter'), 'export');
    expect(view).toMatchObject({ filename: 'debat-1.md', mimeType: 'text/markdown' });
    expect(view.content).toContain('# Débat n° 1 : Télétravail \\| le \\*vendredi\\* ?');
    expect(view.content).toContain('- Pour : 1');
    expect(view.content).toContain('2. **Contre** Moins de café partagé (par name-b)');
    expect(view.content).toMatch(/name-a : Contre → Pour \(∆ n° 1\)/);
  });

  it('writes CSV that spreadsheets read safely', async () => {
    const view = firstView(await bed.engine.run(person('a'), 'exporter csv'), 'export');
    const lines = view.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'record,debate,number,side,text,person,endorsements,deltas,date,time,timezone,common_ground',
    );
    expect(lines[1]).toMatch(/^argument,1,1,pro,"'=HYPERLINK\(""x""\) ""guillemets"", virgules",name-a,0,1,/);
    expect(lines.filter((line) => line.startsWith('vote,'))).toHaveLength(1);
  });
});

describe('workspace isolation', () => {
  it('never reaches a debate of another workspace, even with its #id', async () => {
    await bed.engine.run(person('o', { workspace: 'T1' }), 'lancer Secret de T1');
    await bed.engine.run(person('a', { workspace: 'T1' }), 'pour Un argument de T1');
    const outsider = person('x', { workspace: 'T2', channel: 'C1' });
    for (const line of [
      'voter pour #1',
      'bilan #1',
      'exporter #1',
      'arguments #1',
      'appuyer 1 #1',
      'clore #1',
      'pour #1 intrus',
    ])
      expect(errorCode(await bed.engine.run(outsider, line)), line).toBe('debate.not_found');
    expect(errorCode(await bed.engine.run(outsider, 'voter pour'))).toBe('debate.none_open');
    expect(firstView(await bed.engine.run(outsider, 'liste'), 'debateList').items).toEqual([]);
    // The same ids on another platform are another workspace too.
    expect(errorCode(await bed.engine.run(person('x', { platform: 'discord' }), 'bilan #1'))).toBe(
      'debate.not_found',
    );
  });
});
