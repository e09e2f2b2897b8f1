// Finding buttons in what the app sent and clicking them the way Slack would.
import type { FakeSlack } from '../fakes/slack/index.ts';
import type { SlackBed } from './harness.ts';

type Json = Record<string, unknown>;

export interface FoundButton {
  action_id: string;
  value: string;
  block_id: string;
  text: string;
}

/** Every button in `blocks`, in order. */
export function buttonsIn(blocks: unknown[] | undefined): FoundButton[] {
  const out: FoundButton[] = [];
  for (const block of (blocks ?? []) as Json[]) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const e of elements)
      if (e.type === 'button')
        out.push({
          action_id: String(e.action_id),
          value: String(e.value),
          block_id: String(block.block_id ?? ''),
          text: String((e.text as Json).text),
        });
  }
  return out;
}

export function findButton(blocks: unknown[] | undefined, match: (b: FoundButton) => boolean): FoundButton {
  const found = buttonsIn(blocks).find(match);
  if (!found)
    throw new Error(`no such button in ${JSON.stringify(buttonsIn(blocks).map((b) => b.action_id))}`);
  return found;
}

/**
 * When the next click happens: each helper click comes two seconds after the previous one, as a
 * person's deliberate clicks do (closer clicks on one button are a double click, acted on once).
 */
let clock = Date.now();
const nextClickAt = (): number => {
  clock = Math.max(clock + 2000, Date.now());
  return clock;
};

/** Clicks a button of the channel message `ts`. */
export function clickOnMessage(t: SlackBed, user: string, channel: string, ts: string, actionId: string) {
  const b = findButton(t.slack.message(channel, ts)?.blocks, (x) => x.action_id === actionId);
  return t.interactive(
    t.slack.payloads.blockAction({
      user,
      channel,
      messageTs: ts,
      actionId: b.action_id,
      value: b.value,
      blockId: b.block_id,
      at: nextClickAt(),
    }),
  );
}

/** Clicks a button of the latest private note `user` received. */
export function clickOnPrivate(
  t: SlackBed,
  user: string,
  channel: string,
  match: (b: FoundButton) => boolean,
) {
  const note = t.slack.privateNotes(user).at(-1);
  const b = findButton(note?.blocks, match);
  return t.interactive(
    t.slack.payloads.blockAction({
      user,
      channel,
      ephemeral: true,
      actionId: b.action_id,
      value: b.value,
      blockId: b.block_id,
      at: nextClickAt(),
    }),
  );
}

/** The newest modal the app opened. */
export function lastModal(slack: FakeSlack) {
  const views = [...slack.state.views.values()];
  const view = views.at(-1);
  if (!view) throw new Error('no modal opened');
  return { id: view.id, ...view.view } as { id: string; blocks?: unknown[]; [key: string]: unknown };
}
