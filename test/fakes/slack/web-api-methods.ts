// The Web API methods the fake answers, each a small function of (args, context) → Slack's JSON.
import { checkMessage, checkView } from './block-kit-limits.ts';
import type { StoredView, WorkspaceState } from './workspace-state.ts';

type Json = Record<string, unknown>;

export interface Identity {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
  /** An Enterprise Grid org's id, and whether the app was installed org-wide. */
  enterpriseId?: string;
  enterpriseInstall?: boolean;
}

export interface MethodContext {
  state: WorkspaceState;
  identity: Identity;
  /** Bearer token of the call (already checked against the accepted tokens). */
  token: string;
  baseUrl: string;
  /** URL handed out by apps.connections.open. */
  socketUrl: () => string;
}

export type MethodHandler = (args: Json, ctx: MethodContext) => Json;

const fail = (error: string, extra: Json = {}): Json => ({ ok: false, error, ...extra });
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function invalidBlocks(errors: string[]): Json {
  return fail('invalid_blocks', {
    errors,
    response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
  });
}

function blocksOf(args: Json): unknown[] | undefined {
  return Array.isArray(args.blocks) ? args.blocks : undefined;
}

function hasContent(args: Json): boolean {
  return str(args.text) !== undefined || (blocksOf(args)?.length ?? 0) > 0;
}

function viewJson(stored: StoredView, teamId: string): Json {
  return {
    ...stored.view,
    id: stored.id,
    team_id: teamId,
    type: stored.type,
    hash: `${stored.id}.${stored.updates}`,
  };
}

/** `metadata` as Slack takes it: an object, or its JSON in a form-encoded call. */
function metadataOf(args: Json): Json | undefined {
  const raw = typeof args.metadata === 'string' ? (JSON.parse(args.metadata) as unknown) : args.metadata;
  return raw && typeof raw === 'object' ? (raw as Json) : undefined;
}

const postMessage: MethodHandler = (args, { state, identity }) => {
  const channel = str(args.channel);
  if (!channel) return fail('channel_not_found');
  if (!hasContent(args)) return fail('no_text');
  const errors = checkMessage(args);
  if (errors.length > 0) return invalidBlocks(errors);
  const ts = state.nextTs();
  const message = {
    channel,
    ts,
    thread_ts: str(args.thread_ts),
    user: identity.botUserId,
    text: str(args.text),
    blocks: blocksOf(args),
    metadata: metadataOf(args),
    edits: 0,
  };
  state.putMessage(message);
  return {
    ok: true,
    channel,
    ts,
    message: {
      type: 'message',
      user: identity.botUserId,
      bot_id: identity.botId,
      ts,
      text: message.text ?? '',
    },
  };
};

const update: MethodHandler = (args, { state }) => {
  const channel = str(args.channel);
  const ts = str(args.ts);
  if (!channel || !ts) return fail('invalid_arguments');
  const existing = state.message(channel, ts);
  if (!existing) return fail('message_not_found');
  if (!hasContent(args)) return fail('no_text');
  const errors = checkMessage(args);
  if (errors.length > 0) return invalidBlocks(errors);
  existing.text = str(args.text);
  existing.blocks = blocksOf(args);
  existing.edits += 1;
  return { ok: true, channel, ts, text: existing.text ?? '' };
};

const postEphemeral: MethodHandler = (args, { state }) => {
  const channel = str(args.channel);
  const user = str(args.user);
  if (!channel) return fail('channel_not_found');
  if (!user) return fail('user_not_found');
  if (!hasContent(args)) return fail('no_text');
  const errors = checkMessage(args);
  if (errors.length > 0) return invalidBlocks(errors);
  const message_ts = state.nextTs();
  state.ephemerals.push({
    channel,
    user,
    thread_ts: str(args.thread_ts),
    text: str(args.text),
    blocks: blocksOf(args),
    message_ts,
    at: Date.now(),
  });
  return { ok: true, message_ts };
};

const viewsOpen: MethodHandler = (args, { state, identity }) => {
  const trigger_id = str(args.trigger_id);
  if (!trigger_id) return fail('invalid_arguments');
  const errors = checkView(args.view);
  if (errors.length > 0) return invalidBlocks(errors);
  const stored: StoredView = {
    id: state.nextId('V'),
    type: 'modal',
    trigger_id,
    view: args.view as Json,
    updates: 0,
  };
  state.views.set(stored.id, stored);
  return { ok: true, view: viewJson(stored, identity.teamId) };
};

const viewsUpdate: MethodHandler = (args, { state, identity }) => {
  const id = str(args.view_id);
  const stored = id ? state.views.get(id) : undefined;
  if (!stored) return fail('not_found');
  const errors = checkView(args.view);
  if (errors.length > 0) return invalidBlocks(errors);
  stored.view = args.view as Json;
  stored.updates += 1;
  return { ok: true, view: viewJson(stored, identity.teamId) };
};

const viewsPublish: MethodHandler = (args, { state, identity }) => {
  const user = str(args.user_id);
  if (!user) return fail('invalid_arguments');
  const errors = checkView(args.view);
  if (errors.length > 0) return invalidBlocks(errors);
  const previous = state.homes.get(user);
  const stored: StoredView = {
    id: previous?.id ?? state.nextId('V'),
    type: 'home',
    user,
    view: args.view as Json,
    updates: previous ? previous.updates + 1 : 0,
  };
  state.homes.set(user, stored);
  return { ok: true, view: viewJson(stored, identity.teamId) };
};

const reactionsAdd: MethodHandler = (args, { state }) => {
  const channel = str(args.channel);
  const ts = str(args.timestamp);
  const name = str(args.name);
  if (!channel || !ts || !name) return fail('invalid_arguments');
  const key = `${channel}/${ts}`;
  const names = state.reactions.get(key) ?? [];
  if (names.includes(name)) return fail('already_reacted');
  names.push(name);
  state.reactions.set(key, names);
  return { ok: true };
};

const usersInfo: MethodHandler = (args, { state, identity }) => {
  const id = str(args.user);
  if (!id) return fail('user_not_found');
  const u = state.user(id);
  return {
    ok: true,
    user: {
      ...u,
      team_id: identity.teamId,
      deleted: false,
      profile: { display_name: u.name, real_name: u.real_name ?? u.name },
      ...(args.include_locale ? { locale: u.locale ?? 'fr-FR' } : {}),
    },
  };
};

/** A channel's top-level messages, newest first, from `oldest` on; metadata with include_all_metadata. */
const conversationsHistory: MethodHandler = (args, { state, identity }) => {
  const channel = str(args.channel);
  if (!channel) return fail('channel_not_found');
  const oldest = Number(str(args.oldest) ?? '0');
  const limit = Math.min(Number(str(args.limit) ?? '100'), 999);
  const withMetadata = String(args.include_all_metadata) === 'true';
  const messages = [...state.messages.values()]
    .filter((m) => m.channel === channel && !m.thread_ts && Number(m.ts) >= oldest)
    .sort((a, b) => Number(b.ts) - Number(a.ts))
    .slice(0, limit)
    .map((m) => ({
      type: 'message',
      ts: m.ts,
      user: m.user,
      bot_id: m.user === identity.botUserId ? identity.botId : undefined,
      text: m.text ?? '',
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    }));
  return { ok: true, messages, has_more: false };
};

const conversationsInfo: MethodHandler = (args, { state }) => {
  const id = str(args.channel);
  if (!id) return fail('channel_not_found');
  return { ok: true, channel: state.channel(id) };
};

const authTest: MethodHandler = (_args, { identity, token }) => {
  if (token.startsWith('xapp-')) return fail('not_allowed_token_type');
  return {
    ok: true,
    url: `https://${identity.teamName}.slack.com/`,
    team: identity.teamName,
    user: 'debat',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    ...(identity.enterpriseId ? { enterprise_id: identity.enterpriseId } : {}),
    is_enterprise_install: identity.enterpriseInstall === true,
  };
};

const getUploadUrl: MethodHandler = (args, { state, baseUrl }) => {
  const filename = str(args.filename);
  if (!filename || args.length === undefined) return fail('invalid_arguments');
  const file_id = state.nextId('F');
  // Slack's documented argument for the description is `alt_txt`; anything else is ignored.
  const alt_txt = str(args.alt_txt);
  state.uploads.set(file_id, {
    file_id,
    filename,
    length: Number(args.length),
    completed: false,
    ...(alt_txt ? { alt_txt } : {}),
  });
  return { ok: true, file_id, upload_url: `${baseUrl}/upload/${file_id}` };
};

const completeUpload: MethodHandler = (args, { state, identity }) => {
  const files = Array.isArray(args.files) ? (args.files as Json[]) : [];
  if (files.length === 0) return fail('invalid_arguments');
  const channel = str(args.channel_id);
  // A direct conversation exists only once opened; the bot cannot share into someone else's.
  if (channel?.startsWith('D') && ![...state.ims.values()].includes(channel))
    return fail('channel_not_found');
  const out: Array<{ id: string; title: string; name: string }> = [];
  for (const f of files) {
    const upload = state.uploads.get(String(f.id));
    if (!upload || upload.bytes === undefined || upload.completed) return fail('file_not_found');
    if (upload.length !== undefined && upload.bytes.length !== upload.length)
      return fail('file_upload_size_mismatch');
    upload.completed = true;
    upload.title = str(f.title);
    upload.channel_id = channel;
    upload.initial_comment = str(args.initial_comment);
    out.push({ id: upload.file_id, title: upload.title ?? upload.filename, name: upload.filename });
  }
  // Shared into a conversation, the files appear there in one message, with the comment as its text.
  if (channel)
    state.putMessage({
      channel,
      ts: state.nextTs(),
      user: identity.botUserId,
      text: str(args.initial_comment),
      files: out,
      edits: 0,
    });
  return { ok: true, files: out };
};

/** The bot's direct conversation with one person (several people would be a group DM: not faked). */
const conversationsOpen: MethodHandler = (args, { state }) => {
  const users = str(args.users)?.split(',').filter(Boolean) ?? [];
  if (users.length !== 1) return fail(users.length === 0 ? 'users_list_not_supplied' : 'not_supported');
  const user = users[0]!;
  let id = state.ims.get(user);
  const already = id !== undefined;
  if (!id) {
    id = state.nextId('D');
    state.ims.set(user, id);
    state.channels.set(id, { id, name: user, is_channel: false, is_private: true, is_im: true });
  }
  return { ok: true, ...(already ? { already_open: true } : {}), channel: { id } };
};

/** The bot scope each method needs (none: the method needs no scope). */
export const METHOD_SCOPES: Readonly<Record<string, string | undefined>> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'reactions.add': 'reactions:write',
  'users.info': 'users:read',
  'conversations.info': 'channels:read',
  'conversations.history': 'channels:history',
  'conversations.open': 'im:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

const connectionsOpen: MethodHandler = (_args, { token, socketUrl }) => {
  if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
  return { ok: true, url: socketUrl() };
};

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'reactions.add': reactionsAdd,
  'users.info': usersInfo,
  'conversations.info': conversationsInfo,
  'conversations.history': conversationsHistory,
  'conversations.open': conversationsOpen,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'apps.connections.open': connectionsOpen,
};
