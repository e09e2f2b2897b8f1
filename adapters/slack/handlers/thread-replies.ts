// A reply in a scoreboard's thread that starts with a side (the grammar of src/commands/thread-reply.ts)
// becomes an argument of that debate, confirmed with a ✅ reaction. Other replies, edits and bots are left alone.

import { looksLikeArgument } from '../../../src/api.ts';
import { formatRef } from '../refs.ts';
import { viaEphemeral } from '../responders.ts';
import type { EventArgs } from '../router.ts';
import { type SlackRuntime, slackTimeMs } from '../runtime.ts';
import { platformError, withRateLimit } from '../slack-errors.ts';
import { decodeSlackText } from '../slack-text.ts';

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
    // Conversation is left alone without a word to the core (no lookup of the person either).
    if (!looksLikeArgument(decodeSlackText(message.text ?? ''))) return;
    const thread = { ...message, thread_ts: message.thread_ts, user: message.user };
    const who = { team: body.team_id, channel: message.channel, user: message.user };
    rt.tasks.run('thread reply', () => addFromThread(rt, who, thread, body.event_id));
  };
}

async function addFromThread(
  rt: SlackRuntime,
  who: { team: string; channel: string; user: string },
  message: ThreadMessage & { thread_ts: string; user: string },
  eventId: string,
): Promise<void> {
  const inv = await rt.invocation(who, { id: `event:${eventId}`, at: slackTimeMs(message.ts) }, true);
  const outcome = await rt.engine.receive({
    kind: 'threadReply',
    inv,
    thread: { scoreboardRef: formatRef({ channel: message.channel, ts: message.thread_ts }) },
    text: decodeSlackText(message.text ?? ''),
  });
  if (outcome.next?.kind === 'ignore') return;
  const privately = viaEphemeral(rt.client, message.channel, message.user, message.thread_ts);
  await rt.deliver(inv, outcome, { privately });
  if (outcome.next?.kind === 'react') {
    await withRateLimit(() =>
      rt.client.reactions.add({ channel: message.channel, timestamp: message.ts, name: 'white_check_mark' }),
    ).catch((error: unknown) => {
      if (platformError(error) !== 'already_reacted') throw error;
    });
  }
}
