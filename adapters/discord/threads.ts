import type { ChannelScope, Language, Side } from '../../src/domain/types.ts';
import type { DebateEngine } from '../../src/engine/engine.ts';
import type { Logger } from '../../src/engine/logger.ts';
import { t } from '../../src/i18n/translate.ts';
import { messageBody } from './message-body.ts';
import { plainText } from './render/text.ts';
import { type Rest, routes } from './rest.ts';

const THREAD_NAME_MAX = 100;
const ONE_WEEK_MINUTES = 10080;

/** `pour: …`, `contre : …`, `+ …`, `- …`, `pro: …`, `con: …` (accents and case optional). */
export function threadArgument(content: string): { side: Side; text: string } | undefined {
  const text = content.trim();
  const word = /^(pour|contre|pro|con)\s*:\s*([\s\S]+)$/iu.exec(text);
  if (word) return { side: /^(pour|pro)$/i.test(word[1] as string) ? 'pro' : 'con', text: word[2] as string };
  const sign = /^([+-])\s*([\s\S]+)$/u.exec(text);
  if (sign && !/^[+-]/.test(sign[2] as string))
    return { side: sign[1] === '+' ? 'pro' : 'con', text: sign[2] as string };
  return undefined;
}

/** Whether a channel wants a thread per debate (a channel setting of the core). */
export async function threadsWanted(engine: DebateEngine, scope: ChannelScope): Promise<boolean> {
  return (await engine.store.channelSettings(scope)).threads;
}

/**
 * A thread under a debate's scoreboard (its id is the scoreboard message's id), with a first line
 * saying how to add arguments from it.
 */
export async function openDebateThread(
  deps: { rest: Rest; logger: Logger },
  channelId: string,
  messageId: string,
  debate: { number: number; topic: string },
  language: Language,
): Promise<string | undefined> {
  try {
    const name = plainText(
      t(language, 'scoreboard.title', { debate: debate.number, topic: debate.topic }),
      THREAD_NAME_MAX,
    );
    const thread = (await deps.rest.post(routes.threadFromMessage(channelId, messageId), {
      body: { name, auto_archive_duration: ONE_WEEK_MINUTES },
    })) as { id: string };
    await deps.rest.post(routes.messages(thread.id), {
      body: messageBody({ content: t(language, 'scoreboard.thread_hint') }),
    });
    return thread.id;
  } catch (error) {
    deps.logger.warn(
      { err: error, channel: channelId, debate: debate.number },
      'discord: could not open the debate thread',
    );
    return undefined;
  }
}
