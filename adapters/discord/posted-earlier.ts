// A post made once (the weekly summary) found again in the channel's recent messages. Discord's
// enforced nonce returns the first message for a few minutes only, while a claim left by a process
// that died after posting is taken over after longer: then the message itself is looked for, by
// its author (this bot) and its embed's title, which names the channel's week.
import { z } from 'zod';
import { type Rest, routes } from './rest.ts';

/** Discord's most recent messages per request (its maximum). */
const RECENT = 100;

const recentMessages = z.array(
  z.object({
    id: z.string(),
    author: z.object({ id: z.string() }),
    content: z.string().optional(),
    embeds: z.array(z.object({ title: z.string().optional() }).passthrough()).optional(),
  }),
);
const me = z.object({ id: z.string() });

/**
 * Looks for this bot's message whose first embed has `title` and whose text is `content` (an end
 * announcement shares its title with the debate's scoreboard, not its text); resolves its id.
 */
export function postedEarlierLookup(
  rest: Rest,
): (channelId: string, title: string, content: string) => Promise<string | undefined> {
  let botUserId: Promise<string> | undefined;
  return async (channelId, title, content) => {
    botUserId ??= rest.get('/users/@me').then((user) => me.parse(user).id);
    const bot = await botUserId.catch((error: unknown) => {
      botUserId = undefined;
      throw error;
    });
    const query = new URLSearchParams({ limit: String(RECENT) });
    const messages = recentMessages.parse(await rest.get(routes.messages(channelId), { query }));
    return messages.find(
      (message) =>
        message.author.id === bot &&
        message.embeds?.[0]?.title === title &&
        (message.content ?? '') === content,
    )?.id;
  };
}
