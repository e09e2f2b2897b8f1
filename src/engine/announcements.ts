import type { Languages } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import { scoreboardView } from '../views/build.ts';
import type { Reply } from '../views/types.ts';
import { publicly } from './answers.ts';
import type { EngineDeps } from './deps.ts';
import { COMMON_GROUND_SHOWN, sectionsOf } from './endings.ts';

/**
 * The message that says a debate has ended, in its channel, with the final tally: the same for
 * `clore`, a duration that ran out, the sweeper and a click that met the end. For a debate with
 * hidden results it is the reveal.
 */
export async function endedAnnouncement(
  deps: EngineDeps,
  debate: DebateRecord,
  languages: Languages,
): Promise<Reply> {
  const data = await deps.store.scoreboard(debate.id);
  const sections = await sectionsOf(deps, data.debate, data.counts, { limit: COMMON_GROUND_SHOWN });
  return publicly(languages, {
    ...scoreboardView(data, languages.timezone),
    ...(sections.length > 0 ? { sections } : {}),
    ended: {
      channelId: debate.channelId,
      byDuration: debate.closesAt !== null && debate.closedAt === debate.closesAt,
    },
  });
}
