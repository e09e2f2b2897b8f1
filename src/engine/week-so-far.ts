// `/debat bilan` without #id: the channel's week so far, built by the weekly summary's builder.

import type { Languages } from '../domain/defaults.ts';
import type { Invocation } from '../domain/types.ts';
import { linkWeeklySummary } from '../page/decorate.ts';
import { buildWeeklySummary } from '../summary/build-summary.ts';
import { resolveChannelSchedule, soFarRequest } from '../summary/channel-schedule.ts';
import { answer, noticeView, privately, refreshOf, withEnded } from './answers.ts';
import type { EngineDeps } from './deps.ts';
import type { Outcome } from './outcome.ts';

export async function weekSoFar(deps: EngineDeps, inv: Invocation, languages: Languages): Promise<Outcome> {
  const now = deps.clock.now();
  // This channel's debates whose duration ended are closed first (and announced), as a command
  // naming them would.
  const ended = await deps.store.closeExpired(now.getTime(), { channel: inv });
  const channel = resolveChannelSchedule(await deps.store.channelSettings(inv), deps.defaults);
  const built = await buildWeeklySummary(deps.store, inv, soFarRequest(channel, now));
  const view = built && (await linkWeeklySummary(deps.pages, inv, built.view));
  return withEnded(
    answer(privately(languages, view ?? noticeView('summary.empty')), ended.map(refreshOf)),
    ended,
  );
}
