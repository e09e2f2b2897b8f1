import type { Language } from '../../../src/api.ts';
import type { Translate } from '../../../src/i18n/translate.ts';
import { percentages, proportionBar, totalVotes } from '../../../src/views/bars.ts';
import { formatShare } from '../../../src/views/format.ts';
import { halftimeHeadingKey, hiddenNoteKey } from '../../../src/views/hidden-note.ts';
import { legendOf } from '../../../src/views/legend.ts';
import type { ScoreboardView } from '../../../src/views/types.ts';
import { buttonId } from '../custom-id.ts';
import { argumentLine, COLORS, debateMeta } from './common.ts';
import { sectionFields } from './sections.ts';
import { plainText } from './text.ts';
import { type ActionRow, BUTTON_STYLE, type Embed, type OutgoingMessage } from './types.ts';

const BAR_WIDTH = 16;

function tallyLines(view: ScoreboardView, tr: Translate, language: Language): string[] {
  if (!view.counts) return [tr(hiddenNoteKey(view.debate))];
  const shares = percentages(view.counts);
  const lines = (['pro', 'con', 'neutral'] as const).map(
    (side) =>
      `\`${proportionBar(shares[side] / 100, BAR_WIDTH)}\` **${tr(`side.${side}`)}** ${formatShare(view.counts?.[side] ?? 0, shares[side], language)}`,
  );
  lines.push(tr('scoreboard.votes', { count: totalVotes(view.counts) }));
  return lines;
}

export function scoreboardEmbed(view: ScoreboardView, tr: Translate, language: Language): Embed {
  const { debate } = view;
  const when = { language, timezone: view.timezone };
  const description = [debateMeta(debate, tr, when), '', ...tallyLines(view, tr, language), ''];
  description.push(
    [
      tr('scoreboard.participants', { count: view.participants }),
      tr('scoreboard.arguments', { count: view.argumentCounts.pro + view.argumentCounts.con }),
      ...(view.deltas > 0 ? [tr('scoreboard.deltas', { count: view.deltas })] : []),
    ].join(' · '),
  );
  if (view.viewerVote !== undefined) {
    description.push(
      view.viewerVote
        ? tr('scoreboard.your_vote', { side: tr(`side.${view.viewerVote}`) })
        : tr('scoreboard.your_vote_none'),
    );
  }
  if (!view.topPro && !view.topCon && debate.status === 'open')
    description.push('', tr('scoreboard.no_arguments'));
  if (view.pageUrl) description.push('', `[${tr('page.open')}](${view.pageUrl})`);
  const fields = [
    ...(view.topPro ? [{ name: tr('scoreboard.top_pro'), value: argumentLine(view.topPro, tr, 700) }] : []),
    ...(view.topCon ? [{ name: tr('scoreboard.top_con'), value: argumentLine(view.topCon, tr, 700) }] : []),
    ...(view.newest ? [{ name: tr('scoreboard.newest'), value: argumentLine(view.newest, tr, 700) }] : []),
    ...sectionFields(tr, view.sections, 250),
  ];
  // The public scoreboard says how its vote buttons toggle; a private copy has none to click.
  const footer = legendOf(view).map((key) => tr(key));
  if (debate.status === 'open' && view.viewerVote === undefined) footer.push(tr('scoreboard.vote_hint'));
  return {
    title: plainText(tr('scoreboard.title', { debate: debate.number, topic: debate.topic }), 256),
    description: description.join('\n'),
    color: debate.status === 'open' ? COLORS.open : COLORS.closed,
    ...(fields.length ? { fields } : {}),
    ...(footer.length ? { footer: { text: footer.join('\n') } } : {}),
  };
}

/** Pour / Contre / Neutre, then + Argument / Arguments / Clore; a closed debate keeps Arguments and Rouvrir. */
export function scoreboardButtons(view: ScoreboardView, tr: Translate): ActionRow[] {
  const debate = view.debate.number;
  if (view.debate.status === 'closed') {
    return [
      {
        type: 1,
        components: [
          {
            type: 2,
            style: BUTTON_STYLE.secondary,
            label: tr('button.arguments'),
            custom_id: buttonId({ kind: 'list', debate, page: 1 }),
          },
          {
            type: 2,
            style: BUTTON_STYLE.secondary,
            label: tr('button.reopen'),
            custom_id: buttonId({ kind: 'reopen', debate }),
          },
        ],
      },
    ];
  }
  return [
    {
      type: 1,
      components: [
        {
          type: 2,
          style: BUTTON_STYLE.success,
          label: tr('button.pro'),
          custom_id: buttonId({ kind: 'vote', debate, side: 'pro' }),
        },
        {
          type: 2,
          style: BUTTON_STYLE.danger,
          label: tr('button.con'),
          custom_id: buttonId({ kind: 'vote', debate, side: 'con' }),
        },
        {
          type: 2,
          style: BUTTON_STYLE.secondary,
          label: tr('button.neutral'),
          custom_id: buttonId({ kind: 'vote', debate, side: 'neutral' }),
        },
      ],
    },
    {
      type: 1,
      components: [
        {
          type: 2,
          style: BUTTON_STYLE.primary,
          label: tr('button.add_argument'),
          custom_id: buttonId({ kind: 'add', debate }),
        },
        {
          type: 2,
          style: BUTTON_STYLE.secondary,
          label: tr('button.arguments'),
          custom_id: buttonId({ kind: 'list', debate, page: 1 }),
        },
        {
          type: 2,
          style: BUTTON_STYLE.secondary,
          label: tr('button.close'),
          custom_id: buttonId({ kind: 'close', debate }),
        },
      ],
    },
  ];
}

/** The public scoreboard carries its buttons; a private tally (with the viewer's vote) does not. */
export function renderScoreboard(view: ScoreboardView, tr: Translate, language: Language): OutgoingMessage {
  if (view.ended) {
    // The announcement that the debate has ended: a heading, the final tally, no buttons.
    const key = view.ended.byDuration ? 'ended.duration' : 'ended.closed';
    return {
      content: tr(key, { debate: view.debate.number, channel: `<#${view.ended.channelId}>` }),
      embeds: [scoreboardEmbed(view, tr, language)],
      components: [],
    };
  }
  const isPrivate = view.viewerVote !== undefined;
  return {
    // The reminder before the end: a heading and how to vote, above the tally and its buttons.
    ...(view.halftime
      ? { content: tr(halftimeHeadingKey(view.debate), { debate: view.debate.number }) }
      : view.reminder
        ? {
            content: `${tr('reminder.heading', { debate: view.debate.number })}\n${tr('reminder.how', { debate: view.debate.number })}`,
          }
        : view.weekly
          ? { content: tr('weekly.heading') }
          : {}),
    embeds: [scoreboardEmbed(view, tr, language)],
    components: isPrivate ? [] : scoreboardButtons(view, tr),
  };
}
