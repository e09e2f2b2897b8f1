// `/debat bilan` without #id: the channel's week so far, built by the weekly summary's builder.

import type { Invocation } from '../domain/types.ts';
import {
  answer,
  type EngineDeps,
  type Languages,
  noticeView,
  privately,
  refreshOf,
  withEnded,
} from '../engine/context.ts';
import type { Outcome } from '../engine/outcome.ts';
import { linkWeeklySummary } from '../page/decorate.ts';
import { buildWeeklySummary } from './build-summary.ts';
import { resolveChannelSchedule, soFarRequest } from './channel-schedule.ts';

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
