import type { Language } from '../../../src/api.ts';
import { errorKey, type MessageParams, type Translate } from '../../../src/i18n/translate.ts';
import { rhythmSetting, topicsRhythmLine } from '../../../src/views/topics.ts';
import type {
  ArgumentAddedView,
  DebateListView,
  HelpView,
  PersonalDebatesView,
  SettingsView,
  TopicListView,
} from '../../../src/views/types.ts';
import { COLORS, debateMeta } from './common.ts';
import { escapeUserText, plainText, userText } from './text.ts';
import type { OutgoingMessage } from './types.ts';

/** Parameters can carry user text (a topic, a mistyped word): escape the strings. */
const safe = (params: MessageParams = {}): MessageParams =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? escapeUserText(v) : v]),
  );

export const renderNotice = (text: string): OutgoingMessage => ({ content: `✓ ${text}` });
export const renderError = (text: string): OutgoingMessage => ({ content: `✗ ${text}` });

export function noticeText(tr: Translate, key: Parameters<Translate>[0], params?: MessageParams): string {
  return tr(key, safe(params));
}

export function errorText(
  tr: Translate,
  error: { code: Parameters<typeof errorKey>[0]; params?: MessageParams | undefined },
): string {
  return tr(errorKey(error.code), safe(error.params));
}

export function renderHelp(view: HelpView, tr: Translate): OutgoingMessage {
  if (view.unknown !== undefined) {
    const lines = [tr('help.unknown', { word: escapeUserText(view.unknown) })];
    if (view.suggestion) lines.push(tr('help.did_you_mean', { suggestion: escapeUserText(view.suggestion) }));
    return { content: [...lines, tr('help.more')].join('\n') };
  }
  return {
    embeds: [
      {
        title: tr('help.title'),
        description: [tr('help.intro'), '', ...view.entries.map((key) => `• ${tr(key)}`)].join('\n'),
        color: COLORS.notice,
      },
    ],
  };
}

export function renderDebateList(view: DebateListView, tr: Translate): OutgoingMessage {
  if (view.items.length === 0) return { content: tr('list.empty') };
  const lines = view.items.map((item) => {
    const counts = item.counts
      ? `${tr('side.pro')} ${item.counts.pro} · ${tr('side.con')} ${item.counts.con} · ${tr('side.neutral')} ${item.counts.neutral}`
      : tr('word.hidden');
    const title = tr('list.item', { debate: item.debate.number, topic: userText(item.debate.topic, 200) });
    return `**${title}**\n${counts} · ${tr('scoreboard.arguments', { count: item.argumentCount })}`;
  });
  return { embeds: [{ title: tr('list.title'), description: lines.join('\n\n'), color: COLORS.open }] };
}

export function renderSettings(view: SettingsView, tr: Translate): OutgoingMessage {
  const summary = view.summary
    ? tr('settings.summary', { day: tr(`day.${view.summary.day}` as 'day.0'), time: view.summary.time })
    : tr('settings.summary_off');
  return {
    ...(view.saved ? { content: `✓ ${tr('notice.settings_saved')}` } : {}),
    embeds: [
      {
        title: tr('settings.title'),
        description: [
          tr('settings.timezone', { zone: view.timezone }),
          summary,
          tr('settings.language', { language: tr(`language.${view.language}`) }),
          tr(view.threads ? 'settings.threads_on' : 'settings.threads_off'),
          tr(`settings.openers_${view.openers}`),
          tr(view.reminders ? 'settings.reminders_on' : 'settings.reminders_off'),
          tr(view.nudges ? 'settings.nudges_on' : 'settings.nudges_off'),
          rhythmSetting(tr, view.rhythm),
        ].join('\n'),
        color: COLORS.notice,
      },
    ],
  };
}

export function renderArgumentAdded(view: ArgumentAddedView, tr: Translate): OutgoingMessage {
  const { argument, debate } = view;
  return {
    embeds: [
      {
        title: plainText(
          tr('notice.argument_added', {
            number: argument.number,
            side: tr(`side.${argument.side}`),
            debate: debate.number,
          }),
          256,
        ),
        description: `> ${userText(argument.text, 3000)}`,
        color: argument.side === 'pro' ? COLORS.pro : COLORS.con,
        ...(argument.authorName
          ? { footer: { text: plainText(tr('argument.by', { name: argument.authorName }), 200) } }
          : {}),
      },
    ],
  };
}

export function renderPersonalDebates(view: PersonalDebatesView, tr: Translate): OutgoingMessage {
  if (view.items.length === 0) return { content: tr('home.empty') };
  const lines = view.items.map(
    (item) =>
      `**${tr('list.item', { debate: item.debate.number, topic: userText(item.debate.topic, 200) })}**\n${debateMeta(item.debate, tr)}`,
  );
  return { embeds: [{ title: tr('home.title'), description: lines.join('\n\n'), color: COLORS.open }] };
}

/** `sujets`: the queue for the debate of the week, the most endorsed first. */
export function renderTopicList(view: TopicListView, tr: Translate, language: Language): OutgoingMessage {
  const lines = view.items.map((item) => {
    const extras = [
      tr('argument.endorsements', { count: item.endorsements }),
      ...(item.proposerName ? [tr('argument.by', { name: userText(item.proposerName, 80) })] : []),
      ...(item.endorsedByViewer ? ['★'] : []),
    ];
    return `${tr('topics.item', { number: item.number, text: userText(item.text, 200) })} (${extras.join(', ')})`;
  });
  const footer = [topicsRhythmLine(tr, language, view), ...(view.items.length > 0 ? [tr('topics.how')] : [])];
  return {
    embeds: [
      {
        title: tr('topics.title'),
        description: lines.length > 0 ? lines.join('\n') : tr('topics.empty'),
        color: COLORS.notice,
        footer: { text: footer.join('\n') },
      },
    ],
  };
}
