// Editing one's own argument and who may open debates, through the real Bolt against the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsIn, clickOnMessage, clickOnPrivate, lastModal } from '../slack/clicks.ts';
import { closeCleanly, openDebate, type SlackBed, startSlackBed } from '../slack/harness.ts';

const json = (value: unknown): string => JSON.stringify(value ?? null);

describe('Slack: keeping debates alive', () => {
  let t: SlackBed;
  let ts: string;

  beforeEach(async () => {
    t = await startSlackBed('http');
    ts = await openDebate(t, 'Le télétravail rend-il plus heureux ?');
    await t.command('U2', 'C1', 'pour On évite les trajets');
    await t.command('U3', 'C1', 'contre On perd le lien');
  });
  afterEach(() => closeCleanly(t));

  const board = () => json(t.slack.message('C1', ts)?.blocks);
  const openList = async (user: string) => {
    await clickOnMessage(t, user, 'C1', ts, 'debat.args');
    await t.idle();
    return t.slack.privateNotes(user).at(-1);
  };

  it('offers Modifier on the author’s own argument; the form opens filled in and saves the new text', async () => {
    const list = await openList('U2');
    const buttons = buttonsIn(list?.blocks).filter((b) => b.block_id.startsWith('argument-'));
    // Their own argument: Modifier; the other one: Appuyer.
    expect(buttons.map((b) => [b.block_id, b.action_id, b.text])).toEqual([
      ['argument-1', 'debat.edit', 'Modifier'],
      ['argument-2', 'debat.endorse', 'Appuyer'],
    ]);
    await clickOnPrivate(t, 'U2', 'C1', (b) => b.action_id === 'debat.edit');
    await t.idle();
    const modal = lastModal(t.slack);
    expect(json(modal.title)).toContain('Modifier l’argument');
    expect(json(modal.blocks)).toContain('"initial_value":"On évite les trajets"');

    const empty = await t.interactive(
      t.slack.payloads.viewSubmission({ user: 'U2', view: modal, answers: { text: '  ' } }),
    );
    expect(empty.body).toEqual({ response_action: 'errors', errors: { text: 'Le texte est vide.' } });
    // The same rules as a new argument: raw text kept, escaped when shown, no one pinged.
    const saved = await t.interactive(
      t.slack.payloads.viewSubmission({
        user: 'U2',
        view: modal,
        answers: { text: 'On évite les trajets <!channel> & *les bouchons*' },
      }),
    );
    expect(saved.body).toBeUndefined();
    expect((await t.bed.store.argument(1, 1))?.text).toBe('On évite les trajets <!channel> & *les bouchons*');
    await t.idle();
    expect(t.slack.privateNotes('U2').at(-1)?.text).toContain('Argument n° 1 du débat n° 1 modifié.');
    expect(board()).toContain('&lt;!channel&gt; &amp;');
    expect(board()).not.toContain('<!channel>');
    expect(board()).toContain('modifié');
  });

  it('once endorsed, the edit is refused with the way out, from the list and by command', async () => {
    const list = await openList('U2');
    await t.command('U3', 'C1', 'appuyer 1');
    // A click on the list read before the endorsement.
    const edit = buttonsIn(list?.blocks).find((b) => b.action_id === 'debat.edit');
    if (!edit) throw new Error('no edit button');
    await t.interactive(
      t.slack.payloads.blockAction({
        user: 'U2',
        channel: 'C1',
        ephemeral: true,
        actionId: edit.action_id,
        value: edit.value,
        blockId: edit.block_id,
        at: Date.now() + 60_000,
      }),
    );
    await t.idle();
    expect(t.slack.privateNotes('U2').at(-1)?.text).toContain('a déjà été appuyé ou cité (∆)');
    const typed = await t.command('U2', 'C1', 'modifier 1 Autre chose');
    expect(json(typed.body)).toContain('Retirez-le (/debat retirer 1) et publiez-en un nouveau.');
    expect((await t.bed.store.argument(1, 1))?.text).toBe('On évite les trajets');
    // The fresh list no longer offers it.
    expect(buttonsIn((await openList('U2'))?.blocks).map((b) => b.action_id)).not.toContain('debat.edit');
  });

  it('edits by command, in English for an English-speaking channel', async () => {
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    t.slack.setUser({ id: 'U3', locale: 'en-US' });
    await t.command('UADMIN', 'C1', 'config langue en');
    await t.idle();
    const typed = await t.command('U3', 'C1', 'edit 2 We lose touch with each other');
    expect(json(typed.body)).toContain('Argument #2 of debate #1 edited.');
    await t.idle();
    expect(board()).toContain('We lose touch with each other');
    expect(board()).toContain('edited');
  });

  it('`config lancer admins` keeps the opening of debates to admins', async () => {
    t.slack.setUser({ id: 'UADMIN', is_admin: true });
    await t.command('UADMIN', 'C1', 'config lancer admins');
    await t.idle();
    expect(json(t.slack.privateNotes('UADMIN').at(-1))).toContain(
      'Qui lance les débats : les admins seulement',
    );
    // Slack is asked whether the person is an admin before the opening is decided.
    await t.command('U5', 'C1', 'lancer Un débat de plus ?');
    await t.idle();
    expect(t.slack.calls('users.info').some((c) => c.args.user === 'U5')).toBe(true);
    expect(t.slack.privateNotes('U5').at(-1)?.text).toContain(
      'Dans ce salon, seuls les admins lancent les débats.',
    );
    expect(
      t.slack.okCalls('chat.postMessage').filter((c) => json(c.args).includes('Un débat de plus')),
    ).toEqual([]);
    await t.command('UADMIN', 'C1', 'lancer Un débat d’admin ?');
    await t.idle();
    expect(t.slack.channelMessages('C1').some((m) => json(m.blocks).includes('Un débat d’admin ?'))).toBe(
      true,
    );
  });
});
