import type { ChannelSettings } from '../../domain/records.ts';
import type { SettingChange } from '../../domain/settings.ts';
import type { ChannelScope } from '../../domain/types.ts';

/**
 * Server-wide settings. Never the anonymity key itself: its fingerprint (a start with another key
 * is refused), or the key sealed under DEBAT_ENCRYPTION_KEY. `anonymity_secret` is where older
 * versions kept the key in clear: read once to move it out, then removed.
 */
export type ServerSettingName = 'anonymity_key_fingerprint' | 'anonymity_key_sealed' | 'anonymity_secret';

/** Server-wide and per-channel settings. */
export interface SettingsStore {
  /** A server-wide setting; undefined when none is kept. */
  serverSetting(name: ServerSettingName): Promise<string | undefined>;

  /** Keeps `value` under `name` unless a value is kept already; returns the one kept. */
  keepServerSetting(name: ServerSettingName, value: string): Promise<string>;

  /**
   * Sets (a string) or removes (null) settings in one transaction; what is removed leaves no copy
   * in the database's files that the store can reach (see eraseFromFiles).
   */
  changeServerSettings(changes: Partial<Record<ServerSettingName, string | null>>): Promise<void>;

  channelSettings(scope: ChannelScope): Promise<ChannelSettings>;

  saveChannelSetting(scope: ChannelScope, change: SettingChange): Promise<ChannelSettings>;

  /**
   * Calls `listener` when a channel's settings are saved by any process sharing this database
   * (undefined: any channel's may have changed); returns a function that stops it. A store that
   * only one process uses may leave it out.
   */
  watchSettings?(listener: (scope: ChannelScope | undefined) => void): () => void;
}
