// Slack's Socket Mode side: a `ws` server reached through the URL that apps.connections.open
// hands out. It greets with `hello`, sends envelopes, resolves each one's ack, can redeliver an
// envelope (as Slack does ~4 s after a missing ack) and can cut the socket. Envelopes still
// unacked when a new connection opens are redelivered on it, as Slack does.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelope_id: string;
  payload: Json;
  at: number;
}

export interface Delivery {
  envelope: Envelope;
  /** Resolves with the app's ack payload (`{}` for an empty ack). */
  ack: Promise<Json>;
}

export class SocketModeServer {
  readonly acks: SocketAck[] = [];
  readonly sent: Envelope[] = [];
  /** Connections accepted so far (reconnections included). */
  accepted = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly open = new Set<WebSocket>();
  private readonly ackWaiters = new Map<string, Array<(payload: Json) => void>>();
  private readonly unacked = new Map<string, Envelope>();
  private readonly connectionWaiters: Array<{ n: number; resolve: () => void }> = [];
  private readonly pingTimer: NodeJS.Timeout;
  private counter = 0;

  constructor(pingIntervalMs = 10_000) {
    this.pingTimer = setInterval(() => {
      for (const ws of this.open) ws.ping();
    }, pingIntervalMs);
    this.pingTimer.unref();
  }

  get connectionCount(): number {
    return this.open.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.open.add(ws);
      this.accepted += 1;
      ws.on('message', (data) => this.onMessage(String(data)));
      ws.on('close', () => this.open.delete(ws));
      ws.on('error', () => this.open.delete(ws));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: this.open.size,
          debug_info: { host: 'fake', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A1' },
        }),
      );
      // Whoever awaits these acks keeps waiting: the next ack of each resolves it.
      for (const e of this.unacked.values()) {
        const again = { ...e, retry_attempt: (e.retry_attempt ?? 0) + 1, retry_reason: 'connection_lost' };
        this.sent.push(again);
        ws.send(JSON.stringify(again));
      }
      for (const w of this.connectionWaiters.splice(0)) {
        if (this.accepted >= w.n) w.resolve();
        else this.connectionWaiters.push(w);
      }
    });
  }

  /** Resolves once `n` connections in all have been accepted (1: the first, 2: after a reconnect). */
  waitForConnection(n = 1): Promise<void> {
    if (this.accepted >= n) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push({ n, resolve }));
  }

  /** Sends an envelope on the newest open connection. */
  send(type: EnvelopeType, payload: Json, envelopeId?: string): Delivery {
    this.counter += 1;
    const envelope: Envelope = {
      envelope_id: envelopeId ?? `env-${this.counter}`,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
    };
    return this.deliver(envelope);
  }

  /** Sends an envelope again with Slack's retry fields; the returned ack is the next one for it. */
  redeliver(envelope: Envelope, reason = 'timeout'): Delivery {
    return this.deliver({
      ...envelope,
      retry_attempt: (envelope.retry_attempt ?? 0) + 1,
      retry_reason: reason,
    });
  }

  /** Drops every open connection without a close frame, as a network cut would. */
  cut(): void {
    for (const ws of this.open) ws.terminate();
    this.open.clear();
  }

  /** Asks the app to reconnect, as Slack does before recycling a server. */
  requestDisconnect(reason = 'refresh_requested'): void {
    for (const ws of this.open) ws.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  close(): Promise<void> {
    clearInterval(this.pingTimer);
    this.cut();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private deliver(envelope: Envelope): Delivery {
    const ws = [...this.open].at(-1);
    if (!ws) throw new Error('fake Socket Mode: no open connection');
    const ack = new Promise<Json>((resolve) => {
      const list = this.ackWaiters.get(envelope.envelope_id) ?? [];
      list.push(resolve);
      this.ackWaiters.set(envelope.envelope_id, list);
    });
    this.sent.push(envelope);
    this.unacked.set(envelope.envelope_id, envelope);
    ws.send(JSON.stringify(envelope));
    return { envelope, ack };
  }

  private onMessage(raw: string): void {
    let msg: Json;
    try {
      msg = JSON.parse(raw) as Json;
    } catch {
      return;
    }
    const id = msg.envelope_id;
    if (typeof id !== 'string') return;
    const payload = (msg.payload ?? {}) as Json;
    this.acks.push({ envelope_id: id, payload, at: Date.now() });
    this.unacked.delete(id);
    const waiter = this.ackWaiters.get(id)?.shift();
    waiter?.(payload);
  }
}
