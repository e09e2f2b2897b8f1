// A reply in a scoreboard's thread that starts with a side (the grammar of src/commands/thread-reply.ts)
// becomes an argument of that debate, confirmed with a ✅ reaction. Other replies, edits and bots are left alone.

import { parseText } from '../../../src/commands/parse.ts';
import { readThreadReply, type ThreadArgument } from '../../../src/commands/thread-reply.ts';
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
    const found = readThreadReply(decodeSlackText(message.text ?? ''));
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
  found: ThreadArgument,
  eventId: string,
): Promise<void> {
  const scope = { platform: 'slack' as const, workspaceId: who.team, channelId: who.channel };
  const debate = await rt.engine.debateAtScoreboard(
    scope,
    formatRef({ channel: message.channel, ts: message.thread_ts }),
  );
  if (debate === undefined) return;
  const inv = await rt.invocation(who, { id: `event:${eventId}`, at: slackTimeMs(message.ts) }, true);
  const text = parseText('argument', found.text);
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
