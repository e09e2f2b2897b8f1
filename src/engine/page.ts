import type { DebateRecord } from '../domain/records.ts';
import { answer, errorOutcome, noticeView, privately, refreshOf, withEnded } from './answers.ts';
import type { Handler } from './deps.ts';
import type { Outcome } from './outcome.ts';
import { canModerate, resolveDebate } from './targets.ts';

/**
 * `page [#id]`: a private link to the debate's page. `page revoquer`: the opener or an admin
 * voids every link given so far; the scoreboard is refreshed with the new one.
 */
export const pageCommand: Handler<'page'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const done = (outcome: Outcome, changed: DebateRecord[] = []): Outcome =>
    withEnded({ ...outcome, refresh: [...ended, ...changed].map(refreshOf) }, ended);
  const resolved = await resolveDebate(deps, inv, command.debate, ended, 'latest');
  if (!resolved.ok) return done(errorOutcome(languages, resolved.error));
  const debate = resolved.value;
  const links = deps.pages;
  if (command.revoke && !canModerate(deps, debate, inv))
    return done(errorOutcome(languages, { code: 'rights.page' }));
  if (!links) return done(answer(privately(languages, noticeView('page.no_public_url'))));
  if (command.revoke) await links.revoke(debate);
  const url = await links.url(debate, true);
  const params = { debate: debate.number, url: url ?? '' };
  if (!command.revoke)
    return done(answer(privately(languages, noticeView(url ? 'page.link' : 'page.no_public_url', params))));
  const key = url ? 'page.revoked' : 'page.revoked_no_url';
  return done(answer(privately(languages, noticeView(key, params))), [debate]);
};
