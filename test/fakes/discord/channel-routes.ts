/** Channel endpoints of the fake REST: messages (post, get, edit, delete), reactions, threads. */
import { EDIT_LIMIT, UNKNOWN_CHANNEL, UNKNOWN_MESSAGE } from './errors.ts';
import { checkMessage } from './message-limits.ts';
import { badRequest, obj, type RouteDef } from './router.ts';

/** Per fake, the message each channel/nonce created, and when. */
const nonces = new WeakMap<object, Map<string, { id: string; at: number }>>();

/**
 * How long Discord holds a nonce: "checked for uniqueness in the past few minutes". Tests make
 * those minutes pass with `forgetNonces`.
 */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** The fake's nonces, as Discord has them once their few minutes are over: none. */
export function forgetNonces(state: object): void {
  nonces.get(state)?.clear();
}

/** Discord's message list: the newest first, `limit` 1–100 (default 50), `before` a message id. */
const DEFAULT_LIST = 50;

export const channelRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/channels/:channel',
    name: 'channelGet',
    auth: true,
    handle: ({ state, params }) => {
      const c = state.channels.get(params.channel ?? '');
      return c ? { status: 200, body: state.toApiChannel(c) } : { status: 404, body: UNKNOWN_CHANNEL };
    },
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/messages',
    name: 'messageCreate',
    auth: true,
    handle: ({ state, params, body, files }) => {
      if (!state.channels.has(params.channel ?? '')) return { status: 404, body: UNKNOWN_CHANNEL };
      const errors = checkMessage(body, false, files.length);
      if (errors.length) return badRequest(errors);
      // enforce_nonce: the bot's message posted with this nonce before is returned, not a new one.
      const fields = obj(body);
      const nonce = typeof fields.nonce === 'string' ? `${params.channel}/${fields.nonce}` : undefined;
      const seen = nonces.get(state) ?? new Map<string, { id: string; at: number }>();
      nonces.set(state, seen);
      const held = nonce ? seen.get(nonce) : undefined;
      const fresh = held && Date.now() - held.at < NONCE_WINDOW_MS ? held : undefined;
      const earlier = fresh && fields.enforce_nonce === true ? state.messages.get(fresh.id) : undefined;
      if (earlier && !earlier.deleted) return { status: 200, body: state.toApiMessage(earlier) };
      const msg = state.createMessage(params.channel ?? '', fields, {}, files);
      if (nonce) seen.set(nonce, { id: msg.id, at: Date.now() });
      return { status: 200, body: state.toApiMessage(msg) };
    },
  },
  {
    method: 'GET',
    pattern: '/channels/:channel/messages',
    name: 'messageList',
    auth: true,
    handle: ({ state, params, query }) => {
      if (!state.channels.has(params.channel ?? '')) return { status: 404, body: UNKNOWN_CHANNEL };
      const limit = Number(query.get('limit') ?? DEFAULT_LIST);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        return badRequest([
          { path: 'limit', code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' },
        ]);
      const before = query.get('before');
      const listed = [...state.messages.values()]
        .filter((m) => m.channel_id === params.channel && !m.deleted)
        .filter((m) => before === null || BigInt(m.id) < BigInt(before))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      return { status: 200, body: listed.map((m) => state.toApiMessage(m)) };
    },
  },
  {
    method: 'GET',
    pattern: '/channels/:channel/messages/:message',
    name: 'messageGet',
    auth: true,
    handle: ({ state, params }) => {
      const m = state.messages.get(params.message ?? '');
      if (!m || m.deleted || m.channel_id !== params.channel) return { status: 404, body: UNKNOWN_MESSAGE };
      return { status: 200, body: state.toApiMessage(m) };
    },
  },
  {
    method: 'PATCH',
    pattern: '/channels/:channel/messages/:message',
    name: 'messageEdit',
    auth: true,
    handle: ({ state, params, body, files }) => {
      const m = state.messages.get(params.message ?? '');
      if (!m || m.deleted || m.channel_id !== params.channel) return { status: 404, body: UNKNOWN_MESSAGE };
      if (state.editLimited.has(m.id)) return { status: 400, body: EDIT_LIMIT };
      const errors = checkMessage(body, true, files.length);
      if (errors.length) return badRequest(errors);
      return { status: 200, body: state.toApiMessage(state.editMessage(m, obj(body), files)) };
    },
  },
  {
    method: 'DELETE',
    pattern: '/channels/:channel/messages/:message',
    name: 'messageDelete',
    auth: true,
    handle: ({ state, params }) => {
      const m = state.messages.get(params.message ?? '');
      if (!m || m.deleted) return { status: 404, body: UNKNOWN_MESSAGE };
      m.deleted = true;
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    pattern: '/channels/:channel/messages/:message/reactions/:emoji/@me',
    name: 'reactionAdd',
    auth: true,
    handle: ({ state, params }) => {
      const m = state.messages.get(params.message ?? '');
      if (!m || m.deleted) return { status: 404, body: UNKNOWN_MESSAGE };
      const emoji = params.emoji ?? '';
      const users = m.reactions.get(emoji) ?? new Set<string>();
      users.add(state.botUser.id);
      m.reactions.set(emoji, users);
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    pattern: '/channels/:channel/messages/:message/reactions/:emoji/@me',
    name: 'reactionRemove',
    auth: true,
    handle: ({ state, params }) => {
      state.messages
        .get(params.message ?? '')
        ?.reactions.get(params.emoji ?? '')
        ?.delete(state.botUser.id);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/messages/:message/threads',
    name: 'threadFromMessage',
    auth: true,
    handle: ({ state, params, body }) => {
      const m = state.messages.get(params.message ?? '');
      if (!m || m.deleted) return { status: 404, body: UNKNOWN_MESSAGE };
      const name = obj(body).name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
        return badRequest([
          { path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ]);
      }
      if (state.channels.has(m.id)) {
        return {
          status: 400,
          body: { code: 160004, message: 'A thread has already been created for this message' },
        };
      }
      return { status: 201, body: state.toApiChannel(state.createThread(params.channel ?? '', name, m.id)) };
    },
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/threads',
    name: 'threadCreate',
    auth: true,
    handle: ({ state, params, body }) => {
      if (!state.channels.has(params.channel ?? '')) return { status: 404, body: UNKNOWN_CHANNEL };
      const name = obj(body).name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
        return badRequest([
          { path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' },
        ]);
      }
      return { status: 201, body: state.toApiChannel(state.createThread(params.channel ?? '', name)) };
    },
  },
];
