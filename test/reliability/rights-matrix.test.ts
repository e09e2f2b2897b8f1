import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/terminal/render.ts';
import type { Invocation } from '../../src/domain/types.ts';
import { errorKey, t } from '../../src/i18n/translate.ts';
import { person, type TestBed, testEngine } from '../helpers/engine.ts';
import { messageProblems } from './support/hostile.ts';

type Role = 'opener' | 'admin' | 'member';
type Action = 'close' | 'reopen' | 'withdraw another’s argument' | 'settings' | 'export';

/** Allowed, or the error code of the refusal. */
const MATRIX: Record<Action, Record<Role, true | string>> = {
  close: { opener: true, admin: true, member: 'rights.close' },
  reopen: { opener: true, admin: true, member: 'rights.close' },
  'withdraw another’s argument': { opener: 'rights.withdraw', admin: true, member: 'rights.withdraw' },
  settings: { opener: 'rights.settings', admin: true, member: 'rights.settings' },
  export: { opener: true, admin: true, member: true },
};

const LINE: Record<Action, string> = {
  close: 'clore #1',
  reopen: 'rouvrir #1',
  'withdraw another’s argument': 'retirer 1 #1',
  settings: 'config langue en',
  export: 'exporter #1 csv',
};

const IDS: Record<Role, string> = { opener: 'U0OPENER', admin: 'U0ADMIN', member: 'U0MEMBER' };
const ALL_IDS = [...Object.values(IDS), 'U0AUTHOR', 'U0VOTER'];

let bed: TestBed;
beforeAll(async () => {
  bed = await testEngine();
});
afterAll(() => bed.cleanup());

let cell = 0;
/** A fresh workspace: a debate by the opener, an argument by someone else, two votes. */
async function debateFor(action: Action, anonymous: boolean) {
  const workspace = `T${++cell}`;
  const as = (id: string, admin = false): Invocation => person(id, { workspace, admin });
  await bed.engine.run(as(IDS.opener), `lancer Le télétravail le vendredi ?${anonymous ? ' --anonyme' : ''}`);
  await bed.engine.run(as('U0AUTHOR'), 'pour Moins de trajets');
  await bed.engine.run(as('U0VOTER'), 'voter pour');
  await bed.engine.run(as('U0AUTHOR'), 'voter contre');
  if (action === 'reopen') await bed.engine.run(as(IDS.opener), 'clore');
  const debate = (await bed.store.findDebate({ platform: 'slack', workspaceId: workspace }, 1))!;
  return { workspace, as, debate };
}

const cells = (anonymous: boolean) =>
  (Object.keys(MATRIX) as Action[]).flatMap((action) =>
    (['opener', 'admin', 'member'] as Role[]).map((role) => ({
      action,
      role,
      anonymous,
      rule: MATRIX[action][role],
    })),
  );

describe.each([false, true])('rights (anonymous debate: %s)', (anonymous) => {
  it.each(cells(anonymous))('$action by the $role: $rule', async ({ action, role, rule }) => {
    const { as, debate } = await debateFor(action, anonymous);
    const outcome = await bed.engine.run(as(IDS[role], role === 'admin'), LINE[action]);
    const view = outcome.replies[0]!.view;
    const state = () => bed.store.findDebate(debate, 1);

    if (rule !== true) {
      // Refused with its clear message, in both languages, and nothing changed.
      expect(view).toMatchObject({ kind: 'error', error: { code: rule } });
      if (view.kind !== 'error') return;
      expect(messageProblems(errorKey(view.error.code), view.error.params)).toEqual([]);
      for (const language of ['fr', 'en'] as const)
        expect(renderReply({ ...outcome.replies[0]!, language }, { color: false, timezone: 'UTC' })).toBe(
          `✗ ${t(language, errorKey(view.error.code))}`,
        );
      expect((await state())!.status).toBe(action === 'reopen' ? 'closed' : 'open');
      expect((await bed.store.argument(debate.id, 1))!.withdrawnAt).toBeNull();
      expect((await bed.store.channelSettings(debate)).language).toBeNull();
      return;
    }

    expect(view.kind).not.toBe('error');
    if (action === 'close') expect((await state())!.status).toBe('closed');
    if (action === 'reopen') expect((await state())!.status).toBe('open');
    if (action === 'withdraw another’s argument')
      expect((await bed.store.argument(debate.id, 1))!.withdrawnAt).not.toBeNull();
    if (action === 'settings') expect((await bed.store.channelSettings(debate)).language).toBe('en');
    if (action === 'export') {
      if (view.kind !== 'export') throw new Error(view.kind);
      expect(view.content).toContain('Moins de trajets');
      // Anonymous exports name nobody; others name the voters.
      if (anonymous) {
        for (const id of ALL_IDS) expect(view.content).not.toContain(id);
        expect(view.content).not.toContain('name-');
      } else expect(view.content).toContain('name-U0VOTER');
    }
  });
});
