// What the sweep posts unasked to keep debates alive: the reminder before a debate's end (its
// tally as it stands, hidden results still hidden, and how to vote) and the one balance nudge of
// a one-sided debate. Each goes through the platform's Publisher, in the debate's channel.
import type { Publisher } from '../adapter.ts';
import type { Languages } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import { NUDGE_MIN_ARGUMENTS, NUDGE_QUIET_MS, undefendedSide } from '../domain/rules.ts';
import type { Platform } from '../domain/types.ts';
import { scoreboardView } from '../views/build.ts';
import type { Reply } from '../views/types.ts';
import { publicly } from './answers.ts';
import type { EngineDeps } from './deps.ts';

const BATCH = 50;

type LanguagesOf = (debate: DebateRecord) => Promise<Languages>;

export async function reminderReply(
  deps: EngineDeps,
  debate: DebateRecord,
  languages: Languages,
): Promise<Reply> {
  const data = await deps.store.scoreboard(debate.id);
  return publicly(languages, { ...scoreboardView(data, languages.timezone), reminder: true });
}

/** Posts every due reminder once; a failed post is tried again once its claim goes stale. */
export async function postReminders(
  deps: EngineDeps,
  publishers: ReadonlyMap<Platform, Publisher>,
  languagesOf: LanguagesOf,
  at: number,
): Promise<number> {
  const due = await deps.store.claimReminders({
    ...(await deps.lease.window(at)),
    platforms: [...publishers.keys()],
    limit: BATCH,
  });
  let posted = 0;
  for (const debate of due) {
    const publisher = publishers.get(debate.platform);
    try {
      const settings = await deps.store.channelSettings(debate);
      // `config rappel off`: the reminder is settled without a word.
      if (settings.reminders && publisher) {
        await publisher.post(debate, await reminderReply(deps, debate, await languagesOf(debate)));
        posted++;
      }
      await deps.store.completeReminder(debate.id, at);
    } catch (error) {
      deps.logger.warn({ err: error, debate: debate.number }, 'reminder not posted; tried again later');
    }
  }
  return posted;
}

/**
 * One nudge per debate, when one side has three arguments or more, the other none, and no new
 * argument came for a while. It names nobody (anonymous debates included): only the side missing.
 * Claimed, then completed once posted: a failed post is tried again once its claim goes stale.
 */
export async function postNudges(
  deps: EngineDeps,
  publishers: ReadonlyMap<Platform, Publisher>,
  languagesOf: LanguagesOf,
  at: number,
): Promise<number> {
  const window = await deps.lease.window(at);
  // Only debates that need a nudge come back, each workspace in turn: every one returned is
  // settled (posted, or marked when its channel turned nudges off), so no backlog hides another.
  const candidates = await deps.store.nudgeCandidates({
    ...window,
    platforms: [...publishers.keys()],
    minArguments: NUDGE_MIN_ARGUMENTS,
    quietSince: at - NUDGE_QUIET_MS,
    limit: BATCH,
  });
  let posted = 0;
  for (const { debate, pro, con } of candidates) {
    const side = undefendedSide({ pro, con });
    const publisher = publishers.get(debate.platform);
    if (side === null || !publisher) continue;
    try {
      if (!(await deps.store.claimNudge(debate.id, window))) continue;
      // `config relance off`: the nudge is settled without a word.
      if ((await deps.store.channelSettings(debate)).nudges) {
        const languages = await languagesOf(debate);
        await publisher.post(debate, publicly(languages, { kind: 'nudge', debate: debate.number, side }));
        posted++;
      }
      await deps.store.completeNudge(debate.id, at);
    } catch (error) {
      deps.logger.warn({ err: error, debate: debate.number }, 'balance nudge not posted; tried again later');
    }
  }
  return posted;
}
