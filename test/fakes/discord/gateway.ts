/**
 * The fake Discord gateway (ws, JSON, no compression): HELLO, heartbeat ACKs, IDENTIFY → READY →
 * GUILD_CREATE, RESUME → RESUMED, then dispatches the test asks for. It can cut sockets to test
 * reconnects and refuse privileged intents (close 4014) as Discord does when they are not granted.
 * Sharding as Discord does it: a session identified with `shard: [id, count]` gets only the guilds,
 * and the guild events, of shard `(guild_id >> 22) % count`; events without a guild go to shard 0.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { nextSnowflake } from './snowflake.ts';
import type { FakeChannel, FakeDiscordState } from './state.ts';

export const INTENTS = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED = INTENTS.GuildMembers | INTENTS.GuildPresences | INTENTS.MessageContent;
const GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19;

export interface FakeGatewayOptions {
  state: FakeDiscordState;
  /** When set, IDENTIFY with another token is closed with 4004. */
  token?: string;
  heartbeatInterval?: number;
  /** Privileged intents granted to the app (default: all). Asking for others closes with 4014. */
  grantedPrivilegedIntents?: number;
}

export interface IdentifyRecord {
  token: string;
  intents: number;
  /** The `shard` field as sent ([id, count]), undefined when absent. */
  shard: [number, number] | undefined;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  socket: WebSocket | null;
}

/** Discord's rule: which shard of `count` receives a guild's events. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

const guildOf = (d: unknown): string | undefined => {
  const id = d && typeof d === 'object' ? (d as { guild_id?: unknown }).guild_id : undefined;
  return typeof id === 'string' ? id : undefined;
};

const readShard = (value: unknown): [number, number] | undefined =>
  Array.isArray(value) && value.length === 2 && value.every(Number.isInteger)
    ? [value[0] as number, value[1] as number]
    : undefined;

type Frame = { op: number; d?: unknown; s?: number | null; t?: string | null };

export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: string[] = [];
  readonly events = new EventEmitter();
  /** When false, heartbeats are not acknowledged (the client then treats the link as a zombie). */
  ackHeartbeats = true;
  /** When true, the next RESUME is refused with INVALID_SESSION (d:false). */
  refuseResume = false;
  readonly #server: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #options: FakeGatewayOptions;
  #url = '';

  constructor(options: FakeGatewayOptions) {
    this.#options = options;
    this.events.setMaxListeners(0);
    this.#server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.#server.on('connection', (ws) => this.#onConnection(ws));
    options.state.events.on('threadCreate', (t: FakeChannel) =>
      this.dispatch('THREAD_CREATE', { ...options.state.toApiChannel(t), newly_created: true }),
    );
  }

  async start(): Promise<this> {
    if (!this.#server.address()) await new Promise<void>((r) => this.#server.once('listening', () => r()));
    this.#url = `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  get url(): string {
    return this.#url;
  }

  /** Intents of the live, identified sessions (0 when none). */
  get liveIntents(): number {
    for (const s of this.#sessions.values()) if (s.socket?.readyState === WebSocket.OPEN) return s.intents;
    return 0;
  }

  /** Resolves when `count` IDENTIFY payloads have been received in total. */
  waitForIdentify(count = 1): Promise<IdentifyRecord> {
    return this.#waitCount('identify', () => this.identifies.length, count).then(
      () => this.identifies[count - 1] as IdentifyRecord,
    );
  }

  /** Resolves when `count` sessions have been READY or RESUMED in total. */
  waitForSessionStart(count = 1): Promise<void> {
    return this.#waitCount('sessionStart', () => this.#started, count);
  }

  #started = 0;

  #waitCount(event: string, current: () => number, count: number): Promise<void> {
    if (current() >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (): void => {
        if (current() < count) return;
        this.events.off(event, listener);
        resolve();
      };
      this.events.on(event, listener);
    });
  }

  /**
   * Sends a dispatch (op 0) to every live session of the shard it belongs to (by its `guild_id`);
   * returns how many received it. `perSession` may reshape the payload for a session's intents, or
   * return null to skip that session.
   */
  dispatch(t: string, d: unknown, perSession?: (d: unknown, intents: number) => unknown | null): number {
    const guildId = guildOf(d);
    let n = 0;
    for (const s of this.#sessions.values()) {
      if (!s.socket || s.socket.readyState !== WebSocket.OPEN) continue;
      if ((guildId === undefined ? 0 : shardOf(guildId, s.shard[1])) !== s.shard[0]) continue;
      const data = perSession ? perSession(d, s.intents) : d;
      if (data === null) continue;
      s.seq++;
      s.socket.send(JSON.stringify({ op: 0, t, s: s.seq, d: data }));
      n++;
    }
    return n;
  }

  /**
   * Cuts every live socket: with a close code (4000 by default: the client resumes; 1000: it
   * identifies again), or abruptly (`'terminate'`).
   */
  cut(code: number | 'terminate' = 4000): void {
    for (const s of this.#sessions.values()) {
      if (!s.socket) continue;
      if (code === 'terminate') s.socket.terminate();
      else s.socket.close(code);
      s.socket = null;
    }
  }

  async close(): Promise<void> {
    for (const ws of this.#server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #send(ws: WebSocket, frame: Frame): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  #onConnection(ws: WebSocket): void {
    let session: Session | null = null;
    this.#send(ws, { op: 10, d: { heartbeat_interval: this.#options.heartbeatInterval ?? 41250 } });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      if (frame.op === 1) {
        this.events.emit('heartbeat');
        if (this.ackHeartbeats) this.#send(ws, { op: 11 });
      } else if (frame.op === 2) session = this.#identify(ws, frame.d as Record<string, unknown>);
      else if (frame.op === 6) session = this.#resume(ws, frame.d as Record<string, unknown>);
    });
    ws.on('close', () => {
      if (session?.socket === ws) session.socket = null;
    });
  }

  #identify(ws: WebSocket, d: Record<string, unknown>): Session | null {
    const token = String(d.token ?? '');
    const intents = Number(d.intents ?? 0);
    const asked = readShard(d.shard);
    this.identifies.push({ token, intents, shard: asked });
    this.events.emit('identify');
    const expected = this.#options.token;
    if (expected && token !== expected && token !== `Bot ${expected}`) {
      ws.close(4004, 'Authentication failed.');
      return null;
    }
    const granted = this.#options.grantedPrivilegedIntents ?? PRIVILEGED;
    if (intents & PRIVILEGED & ~granted) {
      ws.close(4014, 'Disallowed intent(s).');
      return null;
    }
    const shard = asked ?? [0, 1];
    if (d.shard !== undefined && (!asked || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1])) {
      ws.close(4010, 'Invalid shard.');
      return null;
    }
    const session: Session = { id: nextSnowflake(), seq: 0, intents, shard, socket: ws };
    this.#sessions.set(session.id, session);
    const { state } = this.#options;
    const guilds = state.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    const appFlags = granted & INTENTS.MessageContent ? GATEWAY_MESSAGE_CONTENT_LIMITED : 0;
    session.seq++;
    this.#send(ws, {
      op: 0,
      t: 'READY',
      s: session.seq,
      d: {
        v: 10,
        user: { discriminator: '0', avatar: null, global_name: null, flags: 0, ...state.botUser, bot: true },
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        resume_gateway_url: this.#url,
        application: { id: state.applicationId, flags: appFlags },
        ...(asked ? { shard } : {}),
        private_channels: [],
        presences: [],
        relationships: [],
        user_settings: {},
        geo_ordered_rtc_regions: [],
      },
    });
    if (intents & INTENTS.Guilds) {
      for (const g of guilds) {
        session.seq++;
        this.#send(ws, { op: 0, t: 'GUILD_CREATE', s: session.seq, d: this.#guildCreate(g.id) });
      }
    }
    this.#started++;
    this.events.emit('sessionStart');
    return session;
  }

  #resume(ws: WebSocket, d: Record<string, unknown>): Session | null {
    const session = this.#sessions.get(String(d.session_id ?? ''));
    this.resumes.push(String(d.session_id ?? ''));
    this.events.emit('resume');
    if (!session || this.refuseResume) {
      this.refuseResume = false;
      this.#send(ws, { op: 9, d: false });
      return null;
    }
    session.socket = ws;
    session.seq++;
    this.#send(ws, { op: 0, t: 'RESUMED', s: session.seq, d: {} });
    this.#started++;
    this.events.emit('sessionStart');
    return session;
  }

  #guildCreate(guildId: string): Record<string, unknown> {
    const { state } = this.#options;
    const g = state.guilds.find((x) => x.id === guildId);
    const channels = [...state.channels.values()].filter((c) => c.guild_id === guildId);
    return {
      id: guildId,
      name: g?.name ?? 'Guild',
      icon: null,
      owner_id: '1',
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: new Date(0).toISOString(),
      features: [],
      preferred_locale: g?.preferred_locale ?? 'en-US',
      roles: [
        {
          id: guildId,
          name: '@everyone',
          permissions: '1024',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      channels: channels
        .filter((c) => c.type !== 11 && c.type !== 12)
        .map((c) => ({ ...state.toApiChannel(c), position: 0, permission_overwrites: [] })),
      threads: channels.filter((c) => c.type === 11 || c.type === 12).map((c) => state.toApiChannel(c)),
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      system_channel_flags: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      afk_timeout: 300,
    };
  }
}
