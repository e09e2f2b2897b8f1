// Which commands act on rights (an admin's, an opener's): a platform that must ask who is an admin
// before answering (Slack, with a call that does not fit in its ack) is told so by the intake.
import type { Command } from './command.ts';

/** `always`: the command checks rights; `toOpen`: only where opening is kept to admins. */
export const rightsOf = (command: Command): 'always' | 'toOpen' | 'never' =>
  command.kind === 'close' ||
  command.kind === 'reopen' ||
  command.kind === 'withdraw' ||
  (command.kind === 'settings' && command.change !== undefined)
    ? 'always'
    : command.kind === 'open'
      ? 'toOpen'
      : 'never';
