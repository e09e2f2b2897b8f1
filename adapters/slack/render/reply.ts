// Any view of the core as a Slack message. User text is escaped and cut; catalog text escaped too
// (help lines hold `<sujet>`, which mrkdwn would read as a link).

import type { Language } from '../../../src/api.ts';
import { errorKey, type Translate, translator } from '../../../src/i18n/translate.ts';
import { rhythmSetting, topicsRhythmLine } from '../../../src/views/topics.ts';
import type {
  ArgumentAddedView,
  DebateListView,
  ExportView,
  HelpView,
  Reply,
  SettingsView,
  TopicListView,
  View,
} from '../../../src/views/types.ts';
import { ACTION } from '../action-ids.ts';
import { argumentLine } from './argument-line.ts';
import { renderArgumentList, renderPersuasionPrompt } from './arguments.ts';
import {
  actions,
  type Block,
  button,
  clip,
  context,
  esc,
  message,
  mrkdwnMessage,
  type SlackMessage,
  section,
  textSections,
} from './blocks.ts';
import { renderScoreboard } from './scoreboard.ts';
import { renderWeeklySummary } from './weekly-summary.ts';

export function renderReply(reply: Reply): SlackMessage {
  return renderView(translator(reply.language), reply);
}

function renderView(tr: Translate, reply: Reply): SlackMessage {
  const view: View = reply.view;
  switch (view.kind) {
    case 'scoreboard':
      return renderScoreboard(tr, reply.language, view);
    case 'arguments':
      return renderArgumentList(tr, view);
    case 'persuasionPrompt':
      return renderPersuasionPrompt(tr, view);
    case 'argumentAdded':
      return argumentAdded(tr, view);
    case 'debateList':
      return debateList(tr, view);
    case 'help':
      return help(tr, view);
    case 'error': {
      const text = tr(errorKey(view.error.code), view.error.params);
      return message(text, [section(`:x: ${esc(text)}`)]);
    }
    case 'notice': {
      const text = tr(view.key, view.params);
      return message(text, [section(`:white_check_mark: ${esc(text)}`)]);
    }
    case 'topicList':
      return topicList(tr, reply.language, view);
    case 'nudge': {
      const text = tr(`nudge.${view.side}`, { debate: view.debate });
      return message(text, [section(`:speech_balloon: ${esc(text)}`)]);
    }
    case 'settings':
      return settings(tr, view);
    case 'export':
      return exported(tr, view);
    case 'weeklySummary':
      return renderWeeklySummary(tr, reply.language, view);
    case 'forgetConfirm': {
      const text = tr('forget.confirm');
      return message(text, [
        section(`:warning: ${esc(text)}`),
        ...actions([button(tr('button.forget_confirm'), ACTION.forget, 'confirm', 'danger')], 'forget'),
      ]);
    }
  }
}

function argumentAdded(tr: Translate, view: ArgumentAddedView): SlackMessage {
  const { argument, debate } = view;
  const params = { number: argument.number, side: tr(`side.${argument.side}`), debate: debate.number };
  const title = tr('notice.argument_added', params);
  return message(title, [section(`:speech_balloon: ${esc(title)}\n${argumentLine(tr, argument, 2400)}`)]);
}

function debateList(tr: Translate, view: DebateListView): SlackMessage {
  if (view.items.length === 0) return message(tr('list.empty'), [section(esc(tr('list.empty')))]);
  const lines = view.items.map(({ debate, counts, argumentCount }) => {
    const head = mrkdwnMessage(
      tr,
      'list.item',
      { debate: debate.number },
      { topic: clip(debate.topic, 300) },
    );
    const tally = counts
      ? `${tr('side.pro')} ${counts.pro} / ${tr('side.con')} ${counts.con} / ${tr('side.neutral')} ${counts.neutral}`
      : tr('word.hidden');
    return `• ${head} · ${esc(tally)} · ${esc(tr('scoreboard.arguments', { count: argumentCount }))}`;
  });
  return message(tr('list.title'), [section(`*${esc(tr('list.title'))}*`), ...textSections(lines, 45)]);
}

function help(tr: Translate, view: HelpView): SlackMessage {
  if (view.unknown !== undefined) {
    const lines = [esc(tr('help.unknown', { word: view.unknown }))];
    if (view.suggestion) lines.push(esc(tr('help.did_you_mean', { suggestion: view.suggestion })));
    lines.push(esc(tr('help.more')));
    return message(lines.join(' '), [section(`:thinking_face: ${lines.join('\n')}`)]);
  }
  const blocks: Block[] = [];
  blocks.push(section(`*${esc(tr('help.title'))}*\n${esc(tr('help.intro'))}`));
  blocks.push(
    ...textSections(
      view.entries.map((entry) => `• ${esc(tr(entry))}`),
      10,
    ),
  );
  return message(tr('help.title'), blocks);
}

function topicList(tr: Translate, language: Language, view: TopicListView): SlackMessage {
  const lines = view.items.map((item) => {
    const extras = [
      tr('argument.endorsements', { count: item.endorsements }),
      ...(item.proposerName ? [tr('argument.by', { name: item.proposerName })] : []),
      ...(item.endorsedByViewer ? ['★'] : []),
    ];
    const line = mrkdwnMessage(tr, 'topics.item', { number: item.number }, { text: clip(item.text, 400) });
    return `${line} _(${esc(extras.join(', '))})_`;
  });
  const blocks: Block[] = [section(`*${esc(tr('topics.title'))}*`)];
  blocks.push(...(lines.length > 0 ? textSections(lines, 20) : [context(esc(tr('topics.empty')))]));
  blocks.push(context(esc(topicsRhythmLine(tr, language, view))));
  if (view.items.length > 0) blocks.push(context(esc(tr('topics.how'))));
  return message(tr('topics.title'), blocks);
}

function settings(tr: Translate, view: SettingsView): SlackMessage {
  const lines = [
    esc(tr('settings.timezone', { zone: view.timezone })),
    esc(
      view.summary
        ? tr('settings.summary', { day: tr(`day.${view.summary.day}` as 'day.0'), time: view.summary.time })
        : tr('settings.summary_off'),
    ),
    esc(tr('settings.language', { language: tr(`language.${view.language}`) })),
    esc(tr(view.threads ? 'settings.threads_on' : 'settings.threads_off')),
    esc(tr(`settings.openers_${view.openers}`)),
    esc(tr(view.reminders ? 'settings.reminders_on' : 'settings.reminders_off')),
    esc(tr(view.nudges ? 'settings.nudges_on' : 'settings.nudges_off')),
    esc(rhythmSetting(tr, view.rhythm)),
  ];
  const blocks: Block[] = [];
  if (view.saved) blocks.push(section(`:white_check_mark: ${esc(tr('notice.settings_saved'))}`));
  blocks.push(section(`*${esc(tr('settings.title'))}*\n${lines.join('\n')}`));
  return message(tr('settings.title'), blocks);
}

/**
 * What the person reads privately once the export's file is in their direct messages with the bot
 * (adapters/slack/exports.ts sends it first): Slack cannot attach a file to an ephemeral message.
 */
function exported(tr: Translate, view: ExportView): SlackMessage {
  const text = tr('export.sent_privately', { debate: view.debate.number, filename: view.filename });
  return message(text, [section(`:inbox_tray: ${esc(text)}`)]);
}
