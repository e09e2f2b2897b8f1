// The parts of a view that say how a debate ends well: its common ground, its two rounds and its
// closing note. Built here once; every platform renders a section as a heading and its lines
// (sectionLineText gives the words; user text stays apart, for each platform to escape).
import type { CommonGroundRecord, Counts, DebateRecord, RoundsRecord } from '../domain/records.ts';
import { commonGround } from '../domain/rules.ts';
import type { MessageKey, MessageParams, Translate } from '../i18n/translate.ts';
import { argumentItem, inBlindRound, resultsVisible } from './build.ts';
import type { ArgumentItem } from './types.ts';

/** Words of the catalog; `list` items are translated and joined into the parameter it names. */
export interface SectionText {
  key: MessageKey;
  params: MessageParams;
  list?: { param: string; items: { key: MessageKey; params: MessageParams }[] };
}

export type SectionLine =
  | ({ kind: 'text' } & SectionText)
  | { kind: 'argument'; item: ArgumentItem; note: SectionText }
  /** User text (a closing note): escape it as an argument's text. */
  | { kind: 'quote'; text: string };

export interface ViewSection {
  id: 'commonGround' | 'rounds' | 'closingNote';
  title: MessageKey;
  lines: SectionLine[];
}

/** The words of a text line or of an argument's note. */
export function sectionLineText(text: SectionText, tr: Translate): string {
  const listed = text.list && {
    [text.list.param]: text.list.items.map((item) => tr(item.key, item.params)).join(', '),
  };
  return tr(text.key, { ...text.params, ...listed });
}

/** What the sections are built from; each part is optional (absent: not shown). */
export interface EndingInput {
  /** The debate as the view shows it (a summary's debate as of the end of its week). */
  debate: DebateRecord;
  /** Votes now (or as of the view's moment). */
  counts: Counts;
  /** Arguments with their endorsers' current sides (src/store/ports/endings.ts). */
  sides?: readonly CommonGroundRecord[] | undefined;
  /** At most this many arguments of common ground (the rest counted); none: all. */
  limit?: number | undefined;
  /** `bilan` says when there is no common ground yet; other views say nothing. */
  sayNone?: boolean | undefined;
  /** Arguments (ids) that were common ground at the last summary: the others are new this week. */
  before?: readonly number[] | null | undefined;
  rounds?: RoundsRecord | undefined;
}

/** The common ground's argument ids, ranked: kept with a weekly summary's snapshot. */
export const commonGroundIds = (sides: readonly CommonGroundRecord[]): number[] =>
  commonGround(sides).map((row) => row.argument.id);

function commonGroundSection(input: EndingInput): ViewSection | undefined {
  if (!input.sides) return undefined;
  const ranked = commonGround(input.sides);
  if (ranked.length === 0)
    return input.sayNone
      ? {
          id: 'commonGround',
          title: 'common_ground.title',
          lines: [{ kind: 'text', key: 'common_ground.none', params: {} }],
        }
      : undefined;
  const shown = input.limit === undefined ? ranked : ranked.slice(0, input.limit);
  const lines: SectionLine[] = shown.map((row) => ({
    kind: 'argument',
    item: argumentItem(row.argument, input.debate),
    note: { key: 'common_ground.counts', params: { pro: row.pro, con: row.con } },
  }));
  if (ranked.length > shown.length)
    lines.push({ kind: 'text', key: 'common_ground.more', params: { count: ranked.length - shown.length } });
  const before = input.before && new Set(input.before);
  const fresh = before ? ranked.filter((row) => !before.has(row.argument.id)) : [];
  if (fresh.length > 0)
    lines.push({
      kind: 'text',
      key: 'common_ground.new',
      params: { count: fresh.length },
      list: {
        param: 'numbers',
        items: fresh.map((row) => ({ key: 'common_ground.number', params: { number: row.argument.number } })),
      },
    });
  return { id: 'commonGround', title: 'common_ground.title', lines };
}

function roundsSection(input: EndingInput): ViewSection | undefined {
  const { debate, rounds } = input;
  if (!debate.twoRounds) return undefined;
  if (inBlindRound(debate))
    return {
      id: 'rounds',
      title: 'rounds.title',
      lines: [{ kind: 'text', key: debate.hidden ? 'rounds.blind_hidden' : 'rounds.blind', params: {} }],
    };
  if (!rounds) return undefined;
  const tally = (key: MessageKey, counts: Counts): SectionLine => ({
    kind: 'text',
    key,
    params: { ...counts },
  });
  const credited = rounds.deltas.reduce((n, d) => n + d.count, 0);
  return {
    id: 'rounds',
    title: 'rounds.title',
    lines: [
      tally('rounds.first', rounds.first),
      tally(debate.status === 'open' ? 'rounds.second_now' : 'rounds.second', input.counts),
      { kind: 'text', key: 'rounds.changed', params: { count: rounds.changed } },
      credited === 0
        ? { kind: 'text', key: 'rounds.no_deltas', params: {} }
        : {
            kind: 'text',
            key: 'rounds.deltas',
            params: { count: credited },
            list: {
              param: 'list',
              items: rounds.deltas.map((d) => ({ key: 'rounds.delta_item', params: { ...d } })),
            },
          },
    ],
  };
}

/**
 * Common ground, the two rounds side by side, the closing note: each only when it has something
 * to say. While results are hidden, common ground and the rounds' tallies are hidden too (common
 * ground would tell that both sides have voters); they appear with the reveal.
 */
export function endingSections(input: EndingInput): ViewSection[] {
  const visible = resultsVisible(input.debate);
  const sections = [
    visible ? commonGroundSection(input) : undefined,
    visible || inBlindRound(input.debate) ? roundsSection(input) : undefined,
  ];
  const note = input.debate.status === 'closed' ? input.debate.closingNote : null;
  if (note)
    sections.push({ id: 'closingNote', title: 'closing_note.title', lines: [{ kind: 'quote', text: note }] });
  return sections.filter((section): section is ViewSection => section !== undefined);
}
