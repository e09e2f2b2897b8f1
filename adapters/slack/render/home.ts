// The App Home tab: the person's debates, open ones first, with the tally and their own vote.
import type { Translate } from '../../../src/i18n/translate.ts';
import { totalVotes } from '../../../src/views/bars.ts';
import { hiddenNoteKey } from '../../../src/views/hidden-note.ts';
import type { PersonalDebatesView } from '../../../src/views/types.ts';
import { type Block, clip, context, divider, esc, header, mrkdwnMessage, section } from './blocks.ts';

/** Three blocks per debate plus the header stay well under the Home tab's 100. */
const MAX_DEBATES = 30;

export interface HomeTab {
  type: 'home';
  blocks: Block[];
}

function itemBlocks(tr: Translate, item: PersonalDebatesView['items'][number]): Block[] {
  const { debate, counts } = item;
  const title = mrkdwnMessage(
    tr,
    'scoreboard.title',
    { debate: debate.number },
    { topic: clip(debate.topic, 500) },
  );
  const tally = counts
    ? `${tr('side.pro')} ${counts.pro} · ${tr('side.con')} ${counts.con} · ${tr('side.neutral')} ${counts.neutral} (${tr('scoreboard.votes', { count: totalVotes(counts) })})`
    : tr(hiddenNoteKey(debate));
  const vote = item.viewerVote
    ? tr('scoreboard.your_vote', { side: tr(`side.${item.viewerVote}`) })
    : tr('scoreboard.your_vote_none');
  const meta = [
    // A channel link names the channel for each reader; it pings nobody.
    mrkdwnMessage(tr, 'home.in_channel', {}, { channel: `<#${item.channelId}>` }),
    esc(tr(`status.${debate.status}`)),
    ...(item.opened ? [esc(tr('home.opened_by_you'))] : []),
    esc(tr('scoreboard.arguments', { count: item.argumentCount })),
    ...(item.pageUrl ? [`<${item.pageUrl}|${esc(tr('page.open'))}>`] : []),
  ];
  return [section(`*${title}*\n${esc(tally)}\n${esc(vote)}`), context(meta.join(' · ')), divider()];
}

export function renderHome(tr: Translate, view: PersonalDebatesView): HomeTab {
  const blocks: Block[] = [header(tr('home.title')), context(esc(tr('home.intro')))];
  if (view.items.length === 0) blocks.push(section(esc(tr('home.empty'))));
  for (const item of view.items.slice(0, MAX_DEBATES)) blocks.push(...itemBlocks(tr, item));
  return { type: 'home', blocks };
}
