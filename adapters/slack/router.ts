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

export function router(handlers: SlackHandlers, recent: RecentDeliveries): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKeyOf(args.body as unknown as Record<string, unknown>);
    if (key !== undefined && !recent.first(key)) return ackUnhandled(args);
    const handled = dispatch(handlers, args);
    return handled ?? ackUnhandled(args);
  };
}
