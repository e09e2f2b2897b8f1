// Which commands act on rights (an admin's, an opener's): a platform that must ask who is an admin
// before answering (Slack, with a call that does not fit in its ack) asks this first.
import type { Command } from './command.ts';
import { parseCommand } from './parse.ts';

const rightsOf = (command: Command): 'always' | 'toOpen' | 'never' =>
  command.kind === 'close' ||
  command.kind === 'reopen' ||
  command.kind === 'withdraw' ||
  (command.kind === 'settings' && command.change !== undefined)
    ? 'always'
    : command.kind === 'open'
      ? 'toOpen'
      : 'never';

/** `always`: the command checks rights; `toOpen`: only where opening is kept to admins. */
export function needsRights(text: string): 'always' | 'toOpen' | 'never' {
  const parsed = parseCommand(text);
  return parsed.ok ? rightsOf(parsed.value) : 'never';
}
