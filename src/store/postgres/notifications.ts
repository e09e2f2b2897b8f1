import pg from 'pg';
import type { ChannelScope } from '../../domain/types.ts';

/** The channel whose settings changed, or undefined: anything may have changed (after a reconnect). */
export type SettingsListener = (scope: ChannelScope | undefined) => void;

export const SETTINGS_CHANNEL = 'debat_settings';

/**
 * One connection per instance that LISTENs for settings saved by any instance (PostgreSQL's
 * LISTEN/NOTIFY: the NOTIFY is sent with the saving transaction's commit). A lost connection is
 * opened again; since notifications sent meanwhile are lost, listeners are then told that
 * anything may have changed.
 */
export class SettingsNotifications {
  private readonly listeners = new Set<SettingsListener>();
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  /** Starts listening (once); resolves when LISTEN is in place. */
  start(): Promise<void> {
    this.ready ??= this.connect();
    return this.ready;
  }

  watch(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    void this.start().catch(() => {});
    return () => this.listeners.delete(listener);
  }

  private emit(scope: ChannelScope | undefined): void {
    for (const listener of this.listeners) listener(scope);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.config, application_name: 'debat settings' });
    client.on('notification', (message) => {
      try {
        this.emit(JSON.parse(message.payload ?? '') as ChannelScope);
      } catch {
        this.emit(undefined);
      }
    });
    client.on('error', (error) => {
      this.onError(error);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${SETTINGS_CHANNEL}`);
    this.client = client;
  }

  private reconnect(lost: pg.Client): void {
    if (this.closed || this.client !== lost) return;
    this.client = undefined;
    this.emit(undefined);
    const attempt = () => {
      if (this.closed) return;
      this.connect().then(
        () => this.emit(undefined),
        (error: Error) => {
          this.onError(error);
          this.retry = setTimeout(attempt, 1_000);
          this.retry.unref();
        },
      );
    };
    attempt();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
