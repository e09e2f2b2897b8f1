/**
 * Interaction endpoints of the fake REST: the initial callback (reply, defer, update, modal),
 * the original response and follow-ups through the interaction webhook.
 */
import { ALREADY_ACKNOWLEDGED, UNKNOWN_INTERACTION, UNKNOWN_MESSAGE, UNKNOWN_WEBHOOK } from './errors.ts';
import { checkMessage, checkModal } from './message-limits.ts';
import type { RecordedFile } from './recorder.ts';
import { badRequest, obj, type RouteContext, type RouteDef, type RouteResult } from './router.ts';
import type { FakeDiscordState, StoredInteraction, StoredMessage } from './state.ts';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

/** Applies an initial response to an interaction; shared by the REST callback and the HTTP endpoint. */
export function acknowledge(
  state: FakeDiscordState,
  interaction: StoredInteraction,
  response: unknown,
  files: readonly RecordedFile[] = [],
): RouteResult & { message?: StoredMessage } {
  if (interaction.acknowledgedWith !== null) return { status: 400, body: ALREADY_ACKNOWLEDGED };
  const r = obj(response);
  const data = obj(r.data);
  const type = r.type;
  let message: StoredMessage | undefined;
  const opts = { webhook_id: state.applicationId, interaction_id: interaction.id };
  if (type === 4) {
    const errors = checkMessage(data, false, files.length).map((e) => ({
      ...e,
      path: e.path ? `data.${e.path}` : 'data',
    }));
    if (errors.length) return badRequest(errors);
    message = state.createMessage(interaction.channel_id, data, opts, files);
  } else if (type === 5) {
    const flags = ((typeof data.flags === 'number' ? data.flags : 0) & EPHEMERAL) | LOADING;
    message = state.createMessage(interaction.channel_id, { content: '' }, { ...opts, flags });
  } else if (type === 6 || type === 7) {
    if (!interaction.message_id) {
      return badRequest([
        { path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'No message to update' },
      ]);
    }
    const target = state.messages.get(interaction.message_id);
    if (!target) return { status: 404, body: UNKNOWN_MESSAGE };
    if (type === 7) {
      const errors = checkMessage(data, true).map((e) => ({
        ...e,
        path: e.path ? `data.${e.path}` : 'data',
      }));
      if (errors.length) return badRequest(errors);
      state.editMessage(target, data);
    }
    message = target;
  } else if (type === 9) {
    const errors = checkModal(data);
    if (errors.length) return badRequest(errors);
    interaction.modal = data;
  } else if (type !== 1 && type !== 8) {
    return badRequest([
      { path: 'type', code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9}.' },
    ]);
  }
  interaction.acknowledgedWith = type as number;
  if (message) interaction.originalMessageId = message.id;
  return { status: 204, message };
}

function withResponse(
  ctx: RouteContext,
  i: StoredInteraction,
  message: StoredMessage | undefined,
): RouteResult {
  if (ctx.query.get('with_response') !== 'true') return { status: 204 };
  const resource: Record<string, unknown> = { type: i.acknowledgedWith };
  if (message) resource.message = ctx.state.toApiMessage(message);
  return {
    status: 200,
    body: {
      interaction: {
        id: i.id,
        type: i.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: message ? (message.flags & LOADING) !== 0 : null,
        response_message_ephemeral: message ? (message.flags & EPHEMERAL) !== 0 : null,
      },
      resource,
    },
  };
}

function webhookInteraction(ctx: RouteContext): StoredInteraction | undefined {
  const i = ctx.state.interactionByToken(ctx.params.token ?? '');
  return i && i.application_id === ctx.params.app && i.acknowledgedWith !== null ? i : undefined;
}

function webhookMessage(ctx: RouteContext, i: StoredInteraction): StoredMessage | undefined {
  const id = ctx.params.message === '@original' ? i.originalMessageId : ctx.params.message;
  const m = id ? ctx.state.messages.get(id) : undefined;
  return m && !m.deleted ? m : undefined;
}

export const interactionRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/interactions/:id/:token/callback',
    name: 'interactionCallback',
    auth: false,
    handle: (ctx) => {
      const i = ctx.state.interactions.get(ctx.params.id ?? '');
      if (!i || i.token !== ctx.params.token) return { status: 404, body: UNKNOWN_INTERACTION };
      const result = acknowledge(ctx.state, i, ctx.body, ctx.files);
      return result.status === 204 ? withResponse(ctx, i, result.message) : result;
    },
  },
  {
    method: 'POST',
    pattern: '/webhooks/:app/:token',
    name: 'webhookExecute',
    auth: false,
    handle: (ctx) => {
      const i = webhookInteraction(ctx);
      if (!i) return { status: 404, body: UNKNOWN_WEBHOOK };
      const errors = checkMessage(ctx.body, false, ctx.files.length);
      if (errors.length) return badRequest(errors);
      const m = ctx.state.createMessage(
        i.channel_id,
        obj(ctx.body),
        { webhook_id: ctx.state.applicationId, interaction_id: i.id },
        ctx.files,
      );
      i.followUps.push(m.id);
      return ctx.query.get('wait') === 'false'
        ? { status: 204 }
        : { status: 200, body: ctx.state.toApiMessage(m) };
    },
  },
  {
    method: 'GET',
    pattern: '/webhooks/:app/:token/messages/:message',
    name: 'webhookMessageGet',
    auth: false,
    handle: (ctx) => {
      const i = webhookInteraction(ctx);
      if (!i) return { status: 404, body: UNKNOWN_WEBHOOK };
      const m = webhookMessage(ctx, i);
      return m ? { status: 200, body: ctx.state.toApiMessage(m) } : { status: 404, body: UNKNOWN_MESSAGE };
    },
  },
  {
    method: 'PATCH',
    pattern: '/webhooks/:app/:token/messages/:message',
    name: 'webhookMessageEdit',
    auth: false,
    handle: (ctx) => {
      const i = webhookInteraction(ctx);
      if (!i) return { status: 404, body: UNKNOWN_WEBHOOK };
      const m = webhookMessage(ctx, i);
      if (!m) return { status: 404, body: UNKNOWN_MESSAGE };
      const wasLoading = (m.flags & LOADING) !== 0;
      const errors = checkMessage(ctx.body, !wasLoading, ctx.files.length);
      if (errors.length) return badRequest(errors);
      return {
        status: 200,
        body: ctx.state.toApiMessage(ctx.state.editMessage(m, obj(ctx.body), ctx.files)),
      };
    },
  },
  {
    method: 'DELETE',
    pattern: '/webhooks/:app/:token/messages/:message',
    name: 'webhookMessageDelete',
    auth: false,
    handle: (ctx) => {
      const i = webhookInteraction(ctx);
      const m = i && webhookMessage(ctx, i);
      if (!m) return { status: 404, body: UNKNOWN_MESSAGE };
      m.deleted = true;
      return { status: 204 };
    },
  },
];
