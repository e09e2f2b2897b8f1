// A reply in a scoreboard's thread that starts with pour: / contre: / + / - / pro: / con: becomes an
// argument of that debate, confirmed with a ✅ reaction. Other replies, edits and bots are left alone.

import { parseText } from '../../../src/commands/parse.ts';
import type { Side } from '../../../src/domain/types.ts';
import { formatRef } from '../refs.ts';
import { viaEphemeral } from '../responders.ts';
import type { EventArgs } from '../router.ts';
import { type SlackRuntime, slackTimeMs } from '../runtime.ts';
import { platformError, withRateLimit } from '../slack-errors.ts';
import { decodeSlackText } from '../slack-text.ts';

const WORDS: Readonly<Record<string, Side>> = {
  pour: 'pro',
  pro: 'pro',
  for: 'pro',
  contre: 'con',
  con: 'con',
  against: 'con',
};
const WORD_PREFIX = /^\s*(pour|contre|pro|con|for|against)\s*:\s*([\s\S]*)$/iu;
const SIGN_PREFIX = /^\s*([+\-−])\s*([\s\S]*)$/u;
/** "+1", "-1", "++": agreement noise, not arguments. */
const NOISE = /^[\d\s+\-−.,!?]*$/u;

export function readThreadArgument(text: string): { side: Side; text: string } | undefined {
  const word = WORD_PREFIX.exec(text);
  if (word) return { side: WORDS[word[1]!.toLowerCase()]!, text: word[2]! };
  const sign = SIGN_PREFIX.exec(text);
  if (sign && !NOISE.test(sign[2]!)) return { side: sign[1] === '+' ? 'pro' : 'con', text: sign[2]! };
  return undefined;
}

interface ThreadMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
}

export function threadReplyHandler(rt: SlackRuntime): (args: EventArgs<'message'>) => Promise<void> {
  return async ({ event, body }) => {
    const message = event as ThreadMessage;
    if (message.subtype !== undefined || message.bot_id || !message.user) return;
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    const found = readThreadArgument(message.text ?? '');
    if (!found) return;
    const thread = { ...message, thread_ts: message.thread_ts, user: message.user };
    const who = { team: body.team_id, channel: message.channel, user: message.user };
    rt.tasks.run('thread reply', () => addFromThread(rt, who, thread, found, body.event_id));
  };
}

async function addFromThread(
  rt: SlackRuntime,
  who: { team: string; channel: string; user: string },
  message: ThreadMessage & { thread_ts: string; user: string },
  found: { side: Side; text: string },
  eventId: string,
): Promise<void> {
  const scope = { platform: 'slack' as const, workspaceId: who.team, channelId: who.channel };
  const debate = await rt.engine.debateAtScoreboard(
    scope,
    formatRef({ channel: message.channel, ts: message.thread_ts }),
  );
  if (debate === undefined) return;
  const inv = await rt.invocation(who, { id: `event:${eventId}`, at: slackTimeMs(message.ts) }, true);
  const text = parseText('argument', decodeSlackText(found.text));
  const privately = viaEphemeral(rt.client, message.channel, message.user, message.thread_ts);
  if (!text.ok) {
    const language = (await rt.engine.languages(inv)).private;
    const reply = {
      visibility: 'private' as const,
      language,
      view: { kind: 'error' as const, error: text.error },
    };
    return rt.deliver(inv, { replies: [reply], refresh: [] }, { privately });
  }
  const outcome = await rt.engine.execute(inv, { kind: 'argue', side: found.side, text: text.value, debate });
  const failed = outcome.replies.some((reply) => reply.view.kind === 'error');
  // The reply itself is the public trace: no second post, a reaction instead.
  await rt.deliver(inv, outcome, { privately, skipPublic: () => true });
  if (!failed) {
    await withRateLimit(() =>
      rt.client.reactions.add({ channel: message.channel, timestamp: message.ts, name: 'white_check_mark' }),
    ).catch((error: unknown) => {
      if (platformError(error) !== 'already_reacted') throw error;
    });
  }
}
