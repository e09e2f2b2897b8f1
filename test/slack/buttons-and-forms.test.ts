// The scoreboard's buttons, the argument form, the argument list and the ∆ prompt, in both modes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clickOnMessage, clickOnPrivate, findButton, lastModal } from './clicks.ts';
import { closeCleanly, type Mode, openDebate, type SlackBed, startSlackBed } from './harness.ts';

const json = (value: unknown): string => JSON.stringify(value ?? null);

describe.each<Mode>(['http', 'socket'])('buttons and forms in %s mode', (mode) => {
  let t: SlackBed;
  let ts: string;

  beforeEach(async () => {
    t = await startSlackBed(mode);
    ts = await openDebate(t, 'Le télétravail rend-il plus heureux ?');
  });
  afterEach(() => closeCleanly(t));

  const board = () => json(t.slack.message('C1', ts)?.blocks);

  it('votes by button, changes side, and withdraws with a second click on the same side', async () => {
    expect((await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.pro')).status).toBe(200);
    expect(await t.bed.store.tally(1)).toEqual({ pro: 1, con: 0, neutral: 0 });
    await t.idle();
    // The scoreboard answers the click, and says how to withdraw; no private word besides.
    expect(board()).toContain('1 (100 %)');
    expect(board()).toContain('Un second clic sur votre choix retire votre vote.');
    expect(t.slack.privateNotes('U1')).toEqual([]);

    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.neutral');
    await t.idle();
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 1 });

    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.neutral');
    await t.idle();
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
    expect(board()).toContain('0 votant');
    expect(t.slack.privateNotes('U1')).toEqual([]);
  });

  it('counts a double click on a vote button once', async () => {
    const at = Date.now();
    const click = (offsetMs: number) =>
      t.interactive(
        t.slack.payloads.blockAction({
          user: 'U9',
          channel: 'C1',
          messageTs: ts,
          actionId: 'debat.vote.con',
          value: '1:con',
          at: at + offsetMs,
        }),
      );
    expect((await click(0)).status).toBe(200);
    expect((await click(300)).status).toBe(200);
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 1, neutral: 0 });
    // Two seconds later it is a second click, which withdraws.
    await click(2300);
    expect(await t.bed.store.tally(1)).toEqual({ pro: 0, con: 0, neutral: 0 });
  });

  it('tells each voter their own vote privately while the results are hidden', async () => {
    await t.command('UOPENER', 'C1', 'lancer --masque Faut-il une semaine de quatre jours ?');
    await t.idle();
    const hidden = String(t.slack.okCalls('chat.postMessage').at(-1)!.response?.ts);
    await clickOnMessage(t, 'U1', 'C1', hidden, 'debat.vote.pro');
    await t.idle();
    expect(t.slack.privateNotes('U1').at(-1)?.text).toContain('Vote enregistré : Pour');
    await clickOnMessage(t, 'U1', 'C1', hidden, 'debat.vote.con');
    await t.idle();
    expect(t.slack.privateNotes('U1').at(-1)?.text).toContain('Vote changé : Pour → Contre');
    // The same board with visible results would read 1 (100 %).
    expect(json(t.slack.message('C1', hidden)?.blocks)).not.toContain('1 (100 %)');
  });

  it('asks what changed a mind after a side switch; one click records the ∆', async () => {
    await t.command('U2', 'C1', 'contre Les réunions en visio épuisent');
    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.pro');
    await clickOnMessage(t, 'U1', 'C1', ts, 'debat.vote.con');
    await t.idle();
    const prompt = t.slack.privateNotes('U1').at(-1);
    expect(prompt?.text).toContain('Qu’est-ce qui vous a fait changer d’avis ?');
    expect(json(prompt?.blocks)).toContain('Les réunions en visio épuisent');

    await clickOnPrivate(t, 'U1', 'C1', (b) => b.action_id === 'debat.delta');
    await t.idle();
    const answer = t.slack.responses((r) => r.user === 'U1').at(-1);
    expect(answer?.body).toMatchObject({ replace_original: true });
    expect(json(answer?.body)).toContain('vous a fait changer d’avis (∆)');
    expect(board()).toContain('1 ∆ donné');
    expect(board()).toContain('∆ : un changement d’avis attribué à l’argument qui l’a provoqué');
  });

  it('adds an argument through the + Argument form, with validation errors shown in the form', async () => {
    await clickOnMessage(t, 'U3', 'C1', ts, 'debat.add');
    await t.idle();
    const modal = lastModal(t.slack);
    expect(json(modal.title)).toContain('Nouvel argument');

    const empty = await t.interactive(
      t.slack.payloads.viewSubmission({ user: 'U3', view: modal, answers: { side: 'pro', text: '   ' } }),
    );
    expect(empty.body).toEqual({ response_action: 'errors', errors: { text: 'Le texte est vide.' } });
    const tooLong = await t.interactive(
      t.slack.payloads.viewSubmission({
        user: 'U3',
        view: modal,
        answers: { side: 'pro', text: 'x'.repeat(1001) },
      }),
    );
    expect(json(tooLong.body)).toContain('au plus 1');

    const good = await t.interactive(
      t.slack.payloads.viewSubmission({
        user: 'U3',
        view: modal,
        answers: { side: 'con', text: 'On perd le lien' },
      }),
    );
    expect(good.body).toBeUndefined();
    expect((await t.bed.store.argumentsOfSide(1, 'con', 5)).map((a) => a.text)).toEqual(['On perd le lien']);
    await t.idle();
    expect(board()).toContain('On perd le lien');
  });

  it('refuses an argument to a closed debate inside the form', async () => {
    await clickOnMessage(t, 'U3', 'C1', ts, 'debat.add');
    await t.idle();
    const modal = lastModal(t.slack);
    await t.command('UOPENER', 'C1', 'clore');
    await t.idle();
    const answer = await t.interactive(
      t.slack.payloads.viewSubmission({
        user: 'U3',
        view: modal,
        answers: { side: 'pro', text: 'Trop tard' },
      }),
    );
    expect(json(answer.body)).toContain('est clos');
  });

  it('lists arguments privately, pages through them and endorses from the list', async () => {
    for (let i = 1; i <= 12; i++)
      await t.command('U2', 'C1', `${i % 2 ? 'pour' : 'contre'} Argument numéro ${i}`);
    await clickOnMessage(t, 'U4', 'C1', ts, 'debat.args');
    await t.idle();
    const first = t.slack.privateNotes('U4').at(-1);
    expect(first?.text).toContain('Arguments du débat n° 1');
    expect(json(first?.blocks)).toContain('Page 1 sur 2');

    await clickOnPrivate(t, 'U4', 'C1', (b) => b.action_id === 'debat.args.next');
    await t.idle();
    const second = t.slack.responses((r) => r.user === 'U4').at(-1);
    expect(second?.body).toMatchObject({ replace_original: true });
    expect(json(second?.body)).toContain('Page 2 sur 2');

    await clickOnPrivate(t, 'U4', 'C1', (b) => b.action_id === 'debat.endorse' && b.value === '1:11:2');
    await t.idle();
    const after = t.slack.responses((r) => r.user === 'U4').at(-1);
    expect(after?.body).toMatchObject({ replace_original: true });
    expect(json(after?.body)).toContain('Retirer l’appui');
    expect((await t.bed.store.argument(1, 11))?.endorsements).toBe(1);
    expect(board()).toContain('Argument numéro 11');

    // One's own argument cannot be endorsed: said privately, in a new message. (Unendorsed, the
    // list offers its author Modifier instead; endorsed by someone, it is no longer editable.)
    await t.command('U4', 'C1', 'pour Le mien');
    await t.command('U2', 'C1', 'appuyer 13');
    await clickOnMessage(t, 'U4', 'C1', ts, 'debat.args');
    await t.idle();
    await clickOnPrivate(t, 'U4', 'C1', (b) => b.action_id === 'debat.args.next');
    await t.idle();
    await clickOnPrivate(
      t,
      'U4',
      'C1',
      (b) => b.action_id === 'debat.endorse' && b.value.startsWith('1:13:'),
    );
    await t.idle();
    const refusal = t.slack.responses((r) => r.user === 'U4').at(-1);
    expect(refusal?.body).toMatchObject({ replace_original: false });
    expect(json(refusal?.body)).toContain('On n’appuie pas son propre argument');
  });

  it('endorses two arguments of one list clicked in quick succession: two buttons, not a double click', async () => {
    await t.command('U2', 'C1', 'pour Moins de trajets');
    await t.command('U2', 'C1', 'contre Moins de liens');
    await clickOnMessage(t, 'U6', 'C1', ts, 'debat.args');
    await t.idle();
    const list = t.slack.privateNotes('U6').at(-1);
    const at = Date.now();
    for (const [i, argument] of [1, 2].entries()) {
      const b = findButton(
        list?.blocks,
        (x) => x.action_id === 'debat.endorse' && x.value.startsWith(`1:${argument}:`),
      );
      await t.interactive(
        t.slack.payloads.blockAction({
          user: 'U6',
          channel: 'C1',
          ephemeral: true,
          messageTs: '1700000000.000900',
          actionId: b.action_id,
          value: b.value,
          blockId: b.block_id,
          at: at + i * 200,
        }),
      );
    }
    expect((await t.bed.store.argument(1, 1))?.endorsements).toBe(1);
    expect((await t.bed.store.argument(1, 2))?.endorsements).toBe(1);
  });

  it('closes by the Clore button for the opener only; reopens from the closed scoreboard', async () => {
    await clickOnMessage(t, 'U5', 'C1', ts, 'debat.close');
    await t.idle();
    expect(t.slack.privateNotes('U5').at(-1)?.text).toContain('Seuls l’auteur du débat et les admins');
    expect(board()).toContain('debat.close');

    await clickOnMessage(t, 'UOPENER', 'C1', ts, 'debat.close');
    await t.idle();
    expect(board()).toContain('debat.reopen');
    expect(json(t.slack.channelMessages('C1').at(-1)?.blocks)).toContain('Débat n° 1 terminé dans <#C1>');

    await clickOnMessage(t, 'UOPENER', 'C1', ts, 'debat.reopen');
    await t.idle();
    expect(board()).toContain('debat.close');
  });
});
