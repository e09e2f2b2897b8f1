import type { DebateRecord } from '../domain/records.ts';
import { offersEdit } from '../domain/rules.ts';
import { exportWithEndings } from '../page/export-data.ts';
import { argumentItem, debateHeader, helpView, resultsVisible, scoreboardView } from '../views/build.ts';
import { exportView } from '../views/export.ts';
import { answer, errorOutcome, privately, refreshOf, withEnded } from './answers.ts';
import type { Handler } from './deps.ts';
import { COMMON_GROUND_SHOWN, sectionsOf } from './endings.ts';
import { keyOf } from './keys.ts';
import type { Outcome } from './outcome.ts';
import { resolveDebate } from './targets.ts';
import { weekSoFar } from './week-so-far.ts';

/** A reading answer that also refreshes and announces debates found ended on the way. */
const endedToo = (outcome: Outcome, ended: DebateRecord[]): Outcome =>
  withEnded({ ...outcome, refresh: [...outcome.refresh, ...ended.map(refreshOf)] }, ended);

export const ARGUMENTS_PAGE_SIZE = 10;

export const listArguments: Handler<'arguments'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return endedToo(errorOutcome(languages, resolved.error), ended);
  const debate = resolved.value;
  const key = keyOf(deps, debate, inv);
  const pageAt = (page: number) =>
    deps.store.argumentsPage(debate.id, (page - 1) * ARGUMENTS_PAGE_SIZE, ARGUMENTS_PAGE_SIZE, key);
  let page = command.page;
  let { items, total } = await pageAt(page);
  const pages = Math.max(1, Math.ceil(total / ARGUMENTS_PAGE_SIZE));
  // A page past the end (a short list, or arguments withdrawn since) shows the last one.
  if (page > pages) {
    page = pages;
    ({ items, total } = await pageAt(page));
  }
  return endedToo(
    answer(
      privately(languages, {
        kind: 'arguments',
        debate: debateHeader(debate),
        items: items.map((item) => ({
          ...argumentItem(item, debate),
          endorsedByViewer: item.endorsedByViewer,
          editableByViewer:
            debate.status === 'open' && item.authorKey !== null && item.authorKey === key && offersEdit(item),
        })),
        page,
        pages,
        total,
      }),
    ),
    ended,
  );
};

export const listDebates: Handler<'list'> = async (deps, inv, _command, languages) => {
  const rows = await deps.store.openDebates(inv);
  return answer(
    privately(languages, {
      kind: 'debateList',
      items: rows.map((row) => ({
        debate: debateHeader(row.debate),
        counts: resultsVisible(row.debate) ? row.counts : null,
        argumentCount: row.argumentCount,
      })),
    }),
  );
};

/**
 * `bilan #id`: one debate's tally, with the viewer's own vote (shown even when results are hidden).
 * `bilan` alone: the channel's week so far, built like the weekly summary.
 */
export const tally: Handler<'tally'> = async (deps, inv, command, languages) => {
  if (command.debate === undefined) return weekSoFar(deps, inv, languages);
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended);
  if (!resolved.ok) return endedToo(errorOutcome(languages, resolved.error), ended);
  const debate = resolved.value;
  const [data, viewerVote] = await Promise.all([
    deps.store.scoreboard(debate.id),
    deps.store.voteOf(debate.id, keyOf(deps, debate, inv)),
  ]);
  const sections = await sectionsOf(deps, data.debate, data.counts, {
    limit: COMMON_GROUND_SHOWN,
    sayNone: true,
  });
  return endedToo(
    answer(
      privately(languages, {
        ...scoreboardView(data, languages.timezone, viewerVote),
        ...(sections.length > 0 ? { sections } : {}),
      }),
    ),
    ended,
  );
};

export const exportDebate: Handler<'export'> = async (deps, inv, command, languages) => {
  const ended: DebateRecord[] = [];
  const resolved = await resolveDebate(deps, inv, command.debate, ended, 'latest');
  if (!resolved.ok) return endedToo(errorOutcome(languages, resolved.error), ended);
  const data = await exportWithEndings(deps.store, resolved.value.id);
  return endedToo(
    answer(privately(languages, exportView(data, command.format, languages.private, languages.timezone))),
    ended,
  );
};

export const help: Handler<'help'> = async (_deps, _inv, command, languages) =>
  answer(privately(languages, helpView(command.unknown, command.suggestion)));
