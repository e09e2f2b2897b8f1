// Builders for what Slack sends an app: slash commands, block_actions, view_submission,
// shortcuts and Events API callbacks. The same bodies go over HTTP (signed) or Socket Mode.
import type { ResponseUrlSink } from './response-url-sink.ts';
import type { Identity } from './web-api-methods.ts';

type Json = Record<string, unknown>;

export interface ViewLike {
  id: string;
  callback_id?: string;
  private_metadata?: string;
  blocks?: unknown[];
  [key: string]: unknown;
}

/** What a person typed or picked in a modal, by action_id: a string or a selected option value. */
export type Answers = Record<string, string | undefined>;

export class SlackPayloads {
  private counter = 0;

  constructor(
    private readonly identity: Identity,
    private readonly sink: ResponseUrlSink,
  ) {}

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  triggerId(): string {
    return `${this.next()}.${Date.now()}.trigger`;
  }

  /** Slack's time of a click: seconds and microseconds; `at` (ms) sets when the person clicked. */
  private actionTs(at = Date.now()): string {
    const micros = (at % 1000) * 1000 + (this.next() % 1000);
    return `${Math.floor(at / 1000)}.${String(micros).padStart(6, '0')}`;
  }

  private team(): Json {
    return {
      id: this.identity.teamId,
      domain: this.identity.teamName,
      ...(this.identity.enterpriseId ? { enterprise_id: this.identity.enterpriseId } : {}),
    };
  }

  /** Enterprise Grid fields of interactive payloads. */
  private org(): Json {
    const id = this.identity.enterpriseId;
    return {
      enterprise: id ? { id, name: id } : null,
      is_enterprise_install: this.identity.enterpriseInstall === true,
    };
  }

  private userOf(id: string): Json {
    return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: this.identity.teamId };
  }

  /** Form fields of a slash command (send form-encoded over HTTP, as the payload over Socket Mode). */
  slashCommand(o: { user: string; channel: string; text: string; command?: string }): Record<string, string> {
    return {
      token: 'legacy-verification-token',
      team_id: this.identity.teamId,
      team_domain: this.identity.teamName,
      channel_id: o.channel,
      channel_name: o.channel.toLowerCase(),
      user_id: o.user,
      user_name: o.user.toLowerCase(),
      command: o.command ?? '/debat',
      text: o.text,
      api_app_id: this.identity.appId,
      ...(this.identity.enterpriseId ? { enterprise_id: this.identity.enterpriseId } : {}),
      is_enterprise_install: String(this.identity.enterpriseInstall === true),
      response_url: this.sink.create({ channel: o.channel, user: o.user }),
      trigger_id: this.triggerId(),
    };
  }

  /** A button click. On a channel message give `messageTs`; on an ephemeral message `ephemeral: true`;
   *  inside a modal or the Home tab give `view`. */
  blockAction(o: {
    user: string;
    actionId: string;
    value?: string;
    blockId?: string;
    channel?: string;
    messageTs?: string;
    message?: Json;
    ephemeral?: boolean;
    view?: ViewLike;
    /** When the person clicked (ms); now by default. */
    at?: number;
  }): Json {
    const action = {
      type: 'button',
      action_id: o.actionId,
      block_id: o.blockId ?? 'b',
      value: o.value,
      text: { type: 'plain_text', text: 'button', emoji: true },
      action_ts: this.actionTs(o.at),
    };
    const base: Json = {
      type: 'block_actions',
      user: this.userOf(o.user),
      api_app_id: this.identity.appId,
      token: 'legacy-verification-token',
      trigger_id: this.triggerId(),
      team: this.team(),
      ...this.org(),
      actions: [action],
    };
    if (o.view) {
      return {
        ...base,
        container: { type: 'view', view_id: o.view.id },
        view: { ...o.view, team_id: this.identity.teamId, state: { values: {} } },
      };
    }
    const channel = o.channel ?? 'C1';
    const messageTs = o.messageTs ?? this.actionTs();
    return {
      ...base,
      container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: !!o.ephemeral },
      channel: { id: channel, name: channel.toLowerCase() },
      ...(o.ephemeral
        ? {}
        : {
            message: o.message ?? { type: 'message', ts: messageTs, user: this.identity.botUserId, text: '' },
          }),
      state: { values: {} },
      response_url: this.sink.create({ channel, user: o.user }),
    };
  }

  /** A modal submission; `answers` fill the view's input blocks by action_id. */
  viewSubmission(o: { user: string; view: ViewLike; answers: Answers }): Json {
    return {
      type: 'view_submission',
      team: this.team(),
      user: this.userOf(o.user),
      api_app_id: this.identity.appId,
      token: 'legacy-verification-token',
      trigger_id: this.triggerId(),
      view: {
        ...o.view,
        team_id: this.identity.teamId,
        type: 'modal',
        state: { values: stateValues(o.view, o.answers) },
        hash: `${o.view.id}.h`,
      },
      response_urls: [],
      ...this.org(),
    };
  }

  /** A message shortcut ("…" menu on a message). */
  messageShortcut(o: {
    user: string;
    channel: string;
    callbackId: string;
    message: { ts: string; text: string; user: string; thread_ts?: string };
  }): Json {
    return {
      type: 'message_action',
      token: 'legacy-verification-token',
      action_ts: this.actionTs(),
      team: this.team(),
      user: this.userOf(o.user),
      channel: { id: o.channel, name: o.channel.toLowerCase() },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: o.callbackId,
      trigger_id: this.triggerId(),
      message_ts: o.message.ts,
      message: { type: 'message', ...o.message },
      response_url: this.sink.create({ channel: o.channel, user: o.user }),
    };
  }

  /** A global shortcut (lightning menu). */
  globalShortcut(o: { user: string; callbackId: string }): Json {
    return {
      type: 'shortcut',
      token: 'legacy-verification-token',
      action_ts: this.actionTs(),
      team: this.team(),
      user: this.userOf(o.user),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: o.callbackId,
      trigger_id: this.triggerId(),
    };
  }

  /** An Events API callback wrapping `event`; `eventId` stays the same across retries. */
  eventCallback(event: Json, eventId?: string): Json {
    return {
      token: 'legacy-verification-token',
      team_id: this.identity.teamId,
      ...(this.identity.enterpriseId ? { enterprise_id: this.identity.enterpriseId } : {}),
      api_app_id: this.identity.appId,
      event,
      type: 'event_callback',
      event_id: eventId ?? `Ev${String(this.next()).padStart(8, '0')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: this.identity.enterpriseId ?? null,
          team_id: this.identity.enterpriseInstall ? null : this.identity.teamId,
          user_id: this.identity.botUserId,
          is_bot: true,
          is_enterprise_install: this.identity.enterpriseInstall === true,
        },
      ],
      is_ext_shared_channel: false,
    };
  }

  /** A `message` event (a thread reply when `thread_ts` is set; `subtype`/`bot_id` for edits and bots). */
  messageEvent(o: {
    user?: string;
    channel: string;
    text: string;
    ts?: string;
    thread_ts?: string;
    subtype?: string;
    bot_id?: string;
  }): Json {
    const ts = o.ts ?? this.actionTs();
    const event: Json = {
      type: 'message',
      channel: o.channel,
      channel_type: 'channel',
      text: o.text,
      ts,
      event_ts: ts,
      team: this.identity.teamId,
    };
    if (o.user) event.user = o.user;
    if (o.thread_ts) event.thread_ts = o.thread_ts;
    if (o.subtype) event.subtype = o.subtype;
    if (o.bot_id) event.bot_id = o.bot_id;
    return this.eventCallback(event);
  }

  appHomeOpened(o: { user: string; channel?: string }): Json {
    return this.eventCallback({
      type: 'app_home_opened',
      user: o.user,
      channel: o.channel ?? `D${o.user}`,
      tab: 'home',
      event_ts: this.actionTs(),
    });
  }
}

/** `view.state.values` as Slack builds it from the view's input blocks and the person's answers. */
export function stateValues(view: ViewLike, answers: Answers): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const [i, block] of ((view.blocks ?? []) as Json[]).entries()) {
    if (block.type !== 'input') continue;
    const blockId = typeof block.block_id === 'string' ? block.block_id : `auto-${i}`;
    const element = block.element as Json;
    const actionId = String(element.action_id);
    const answer = answers[actionId];
    let value: Json;
    if (element.type === 'plain_text_input') {
      value = { type: 'plain_text_input', value: answer ?? null };
    } else {
      const options = (element.options ?? []) as Json[];
      const picked = options.find((opt) => opt.value === answer);
      value = { type: String(element.type), selected_option: picked ?? null };
    }
    values[blockId] = { [actionId]: value };
  }
  return values;
}
