// Running one Slack app for many workspaces: the sealed installation store, the client of each
// workspace for work the core starts, removals, and the erasure of removed workspaces' data
// after the retention period (src/installations/retention.ts).
import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Clock, Config, InstallationStore, Logger } from '../../../src/api.ts';
import { ConfigError, eraseExpired, parseKey, resealAll, Sealer } from '../../../src/api.ts';
import type { ManyWorkspaces } from '../router.ts';
import { clientOptions, type OAuthOptions } from '../transport.ts';
import { SlackInstallations } from './installation-store.ts';
import { botScopes } from './scopes.ts';

const SWEEP_MS = 3_600_000;

/** The encryption keys from the configuration (checked there; here they are only decoded). */
export function sealerFrom(config: Config): Sealer {
  const current = config.DEBAT_ENCRYPTION_KEY && parseKey(config.DEBAT_ENCRYPTION_KEY);
  if (!current)
    throw new ConfigError(['DEBAT_ENCRYPTION_KEY: required to keep Slack tokens (32 bytes, hex or base64)']);
  const previous = (config.DEBAT_ENCRYPTION_KEY_PREVIOUS ?? []).map((text) => parseKey(text)!);
  return new Sealer(current, previous);
}

export class SlackWorkspaces implements ManyWorkspaces {
  readonly installations: SlackInstallations;
  readonly oauth: OAuthOptions;
  private readonly sealer: Sealer;
  private readonly clients = new Map<string, { token: string; client: webApi.WebClient }>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: Config,
    private readonly store: InstallationStore,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly boltLogger: BoltLogger,
    options: { cacheMs?: number; refreshBeforeMs?: number } = {},
  ) {
    this.sealer = sealerFrom(config);
    this.installations = new SlackInstallations({
      store,
      sealer: this.sealer,
      clientId: config.SLACK_CLIENT_ID!,
      clientSecret: config.SLACK_CLIENT_SECRET!,
      apiUrl: config.SLACK_API_URL,
      ...options,
    });
    this.oauth = {
      clientId: config.SLACK_CLIENT_ID!,
      clientSecret: config.SLACK_CLIENT_SECRET!,
      stateSecret: config.SLACK_STATE_SECRET!,
      scopes: botScopes(),
      installationStore: this.installations,
      language: config.DEBAT_LANGUAGE,
    };
  }

  /** The client of a workspace's installation, for posts and edits the core starts. */
  clientFor = async (team: string): Promise<webApi.WebClient> => {
    const installation = await this.installations.forWorkspace(team);
    const token = installation?.bot?.token;
    if (!token) throw new Error(`slack: no installation for workspace ${team}`);
    const known = this.clients.get(team);
    if (known?.token === token) return known.client;
    const client = new webApi.WebClient(token, clientOptions(this.config.SLACK_API_URL, this.boltLogger));
    this.clients.set(team, { token, client });
    return client;
  };

  async removed(key: string): Promise<void> {
    const deleted = await this.installations.remove(key, this.clock.now().getTime());
    this.clients.clear();
    this.logger.info(
      { installation: key, deleted },
      'slack app removed: tokens deleted, data kept for the retention period',
    );
  }

  /** Reseals rows after a key rotation, then erases expired workspaces now and every hour. */
  async start(): Promise<void> {
    const resealed = await resealAll(this.store, this.sealer);
    if (resealed > 0) this.logger.info({ resealed }, 'installations sealed again under the current key');
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  async sweep(): Promise<string[]> {
    try {
      return await eraseExpired(
        this.store,
        'slack',
        this.clock.now().getTime(),
        this.config.DEBAT_RETENTION_AFTER_UNINSTALL,
        this.logger,
      );
    } catch (error) {
      this.logger.error({ err: error }, 'erasing removed workspaces failed');
      return [];
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
}
