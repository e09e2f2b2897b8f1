import type { ChannelScope, DebateCore, Language, Logger } from '../../src/api.ts';
import { t } from '../../src/i18n/translate.ts';
import { messageBody } from './message-body.ts';
import { plainText } from './render/text.ts';
import { type Rest, routes } from './rest.ts';

const THREAD_NAME_MAX = 100;
const ONE_WEEK_MINUTES = 10080;

/** Whether a channel wants a thread per debate (a channel setting of the core). */
export async function threadsWanted(engine: DebateCore, scope: ChannelScope): Promise<boolean> {
  return (await engine.channelSettings(scope)).threads;
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
