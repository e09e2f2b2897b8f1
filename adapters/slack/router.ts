// Every delivery passes through one Bolt global middleware that drops repeats and hands the rest
// to their handler. Listeners registered one by one (app.command, app.action, …) would each run
// their own middleware chain for every delivery: six of them cost about a fifth of the click
// throughput (bench/slack-http.ts). Bolt still verifies, parses, acks Events API deliveries and
// drops the bot's own events before this runs.
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  ButtonAction,
  MessageShortcut,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { ADD_TO_DEBATE_SHORTCUT, ARGUMENT_MODAL, EDIT_MODAL } from './action-ids.ts';
import { deliveryKeyOf, type RecentDeliveries } from './dedupe.ts';
import { inWorkspace } from './workspace.ts';

/** What each handler reads of Bolt's arguments. */
export type CommandArgs = Pick<SlackCommandMiddlewareArgs, 'command' | 'ack'>;
export type ClickArgs = Pick<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, 'action' | 'body' | 'ack'>;
export type FormArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction>, 'view' | 'body' | 'ack'>;
export type ShortcutArgs = Pick<SlackShortcutMiddlewareArgs<MessageShortcut>, 'shortcut' | 'ack'>;
export type EventArgs<T extends 'message' | 'app_home_opened'> = Pick<
  SlackEventMiddlewareArgs<T>,
  'event' | 'body'
>;

export interface SlackHandlers {
  command(args: CommandArgs): Promise<void>;
  click(args: ClickArgs): Promise<void>;
  argumentForm(args: FormArgs): Promise<void>;
  editForm(args: FormArgs): Promise<void>;
  messageShortcut(args: ShortcutArgs): Promise<void>;
  message(args: EventArgs<'message'>): Promise<void>;
  homeOpened(args: EventArgs<'app_home_opened'>): Promise<void>;
}

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** The handler a delivery is for, or undefined for what the bot does not handle (acked, dropped). */
function dispatch(handlers: SlackHandlers, args: Args): Promise<void> | undefined {
  if ('command' in args) return handlers.command(args);
  if ('action' in args) {
    if (args.body.type !== 'block_actions' || args.action.type !== 'button') return undefined;
    return handlers.click(args as ClickArgs);
  }
  if ('view' in args) {
    if (args.body.type !== 'view_submission') return undefined;
    if (args.view.callback_id === EDIT_MODAL) return handlers.editForm(args as FormArgs);
    if (args.view.callback_id !== ARGUMENT_MODAL) return undefined;
    return handlers.argumentForm(args as FormArgs);
  }
  if ('shortcut' in args) {
    const { shortcut } = args;
    if (shortcut.type !== 'message_action' || shortcut.callback_id !== ADD_TO_DEBATE_SHORTCUT)
      return undefined;
    return handlers.messageShortcut(args as ShortcutArgs);
  }
  if ('event' in args) {
    if (args.event.type === 'message') return handlers.message(args as EventArgs<'message'>);
    if (args.event.type === 'app_home_opened')
      return handlers.homeOpened(args as EventArgs<'app_home_opened'>);
  }
  return undefined;
}

/** Acks what needs an ack and is not handled (Events API deliveries are acked by Bolt itself). */
async function ackUnhandled(args: Args): Promise<void> {
  if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
}

/** With many workspaces (OAuth): what to do when a workspace removes the app or revokes its token. */
export interface ManyWorkspaces {
  /** The installation's key: the enterprise of an org-wide install, the team otherwise. */
  removed(key: string): Promise<void>;
}

type Body = Record<string, unknown>;

/** The installation an `app_uninstalled` or bot `tokens_revoked` event removes, if it is one. */
function removedInstallation(args: Args): string | undefined {
  if (!('event' in args)) return undefined;
  const event = args.event as { type: string; tokens?: { bot?: unknown[] } };
  const revokesBot = event.type === 'tokens_revoked' && (event.tokens?.bot?.length ?? 0) > 0;
  if (event.type !== 'app_uninstalled' && !revokesBot) return undefined;
  const body = args.body as unknown as Body;
  const auth = (Array.isArray(body.authorizations) ? body.authorizations[0] : undefined) as Body | undefined;
  const org = body.is_enterprise_install === true || auth?.is_enterprise_install === true;
  const key = org ? (body.enterprise_id ?? auth?.enterprise_id) : (body.team_id ?? auth?.team_id);
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function router(
  handlers: SlackHandlers,
  recent: RecentDeliveries,
  many?: ManyWorkspaces,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const removed = many && removedInstallation(args);
    // Removals are acted on every time (they may come in any order, more than once).
    if (many && removed) return many.removed(removed);
    const key = deliveryKeyOf(args.body as unknown as Record<string, unknown>);
    if (key !== undefined && !recent.first(key)) return ackUnhandled(args);
    const team = args.context.teamId ?? args.context.enterpriseId;
    if (!many || !team) return dispatch(handlers, args) ?? ackUnhandled(args);
    // The request's work (and work it leaves running) uses this workspace's client and scope.
    return inWorkspace({ team, client: args.client }, () => dispatch(handlers, args) ?? ackUnhandled(args));
  };
}
