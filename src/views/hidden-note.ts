// Which note stands where hidden counts would be. A blind first round shows its counts at
// half-time; `--masque` keeps them hidden until the close, in a two-round debate too.
import type { MessageKey } from '../i18n/translate.ts';
import type { DebateHeader } from './types.ts';

const NOTES = {
  /** A line of its own: scoreboards, `bilan`, the page, the exports. */
  sentence: { close: 'scoreboard.hidden', halfTime: 'scoreboard.hidden_round1' },
  /** Inside a line or on a chart: the weekly summary. */
  fragment: { close: 'summary.hidden', halfTime: 'summary.hidden_round1' },
  /** The page's list of sides left and joined. */
  deltas: { close: 'page.deltas_hidden', halfTime: 'page.deltas_hidden_round1' },
} as const satisfies Record<string, Record<'close' | 'halfTime', MessageKey>>;

export const hiddenNoteKey = (
  debate: Pick<DebateHeader, 'revealAtHalfTime'>,
  form: keyof typeof NOTES = 'sentence',
): MessageKey => NOTES[form][debate.revealAtHalfTime ? 'halfTime' : 'close'];

/** The half-time post's heading: it shows the first round unless `--masque` still hides it. */
export const halftimeHeadingKey = (debate: Pick<DebateHeader, 'hidden'>): MessageKey =>
  debate.hidden ? 'halftime.heading_hidden' : 'halftime.heading';
