// Bolt's InstallationStore on the project's store: installations sealed (src/installations),
// cached briefly per instance, rotating tokens refreshed before they expire by one instance at a
// time (token-refresh.ts). Org-wide (Enterprise Grid) installs are keyed by enterprise, others by team.
import type {
  InstallationStore as BoltInstallationStore,
  Installation,
  InstallationQuery,
} from '@slack/bolt';
import type { InstallationRow, InstallationStore, Sealer } from '../../../src/api.ts';
import { openInstallation, sealInstallation } from '../../../src/api.ts';
import { type RefreshOptions, TokenRefresher } from './token-refresh.ts';

export type SlackInstallation = Installation<'v1' | 'v2', boolean>;

/** The key of an installation: the enterprise for an org-wide install, the team otherwise. */
export function installationKey(query: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string | undefined {
  return query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
}

const keyOfInstallation = (installation: SlackInstallation): string | undefined =>
  installationKey({
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    enterpriseId: installation.enterprise?.id,
    teamId: installation.team?.id,
  });

interface Cached {
  at: number;
  version: number;
  installation: SlackInstallation;
}

export interface SlackInstallationsOptions extends RefreshOptions {
  store: InstallationStore;
  sealer: Sealer;
  /**
   * How long this instance keeps an installation opened (ms). Each use still checks the row's
   * version (no tokens read), so a removal by any instance is seen at once.
   */
  cacheMs?: number;
  now?: () => number;
}

export class SlackInstallations implements BoltInstallationStore {
  private readonly cache = new Map<string, Cached>();
  private readonly refresher: TokenRefresher;

  constructor(private readonly o: SlackInstallationsOptions) {
    this.refresher = new TokenRefresher(o, (row) => this.open(row));
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private open(row: InstallationRow): SlackInstallation {
    return openInstallation<SlackInstallation>(this.o.sealer, row);
  }

  async storeInstallation(installation: SlackInstallation): Promise<void> {
    const key = keyOfInstallation(installation);
    if (!key) throw new Error('an installation names neither its team nor its enterprise');
    const expiresAt = installation.bot?.expiresAt;
    await this.o.store.saveInstallation({
      platform: 'slack',
      key,
      enterpriseId: installation.enterprise?.id ?? null,
      teamId: installation.team?.id ?? null,
      sealed: sealInstallation(this.o.sealer, 'slack', key, installation),
      expiresAt: expiresAt ? expiresAt * 1000 : null,
      at: this.now(),
    });
    this.cache.delete(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<SlackInstallation> {
    const key = installationKey(query);
    if (!key) throw new Error('no team nor enterprise to authorize');
    const installation = await this.installation(key);
    if (!installation) throw new Error(`no installation for ${key}`);
    // Requests from an org-wide install's workspaces: remember them, for the publisher and erasure.
    if (query.isEnterpriseInstall && query.teamId) await this.rememberTeam(query.teamId, key);
    return installation;
  }

  /** The installation as Bolt uses it: a fresh token and no refresh token (Bolt must not refresh). */
  async installation(key: string): Promise<SlackInstallation | undefined> {
    const now = this.now();
    const which = { platform: 'slack' as const, key };
    const cached = this.cache.get(key);
    if (
      cached &&
      now - cached.at < (this.o.cacheMs ?? 60_000) &&
      !this.refresher.due(cached.installation, now)
    ) {
      if ((await this.o.store.installationVersion(which)) === cached.version)
        return withoutRefresh(cached.installation);
      this.cache.delete(key);
    }
    const row = await this.o.store.installation(which);
    if (!row) {
      this.cache.delete(key);
      return undefined;
    }
    const fresh = await this.refresher.fresh(row);
    if (!fresh) return undefined;
    this.cache.set(key, { at: now, version: fresh.version, installation: fresh.installation });
    return withoutRefresh(fresh.installation);
  }

  private readonly teamsSeen = new Set<string>();
  private async rememberTeam(teamId: string, key: string): Promise<void> {
    if (this.teamsSeen.has(`${teamId}/${key}`)) return;
    await this.o.store.rememberTeam('slack', teamId, key);
    this.teamsSeen.add(`${teamId}/${key}`);
  }

  /** The installation serving a workspace (its own, or its org's), for posts the core initiates. */
  async forWorkspace(teamId: string): Promise<SlackInstallation | undefined> {
    const key = (await this.o.store.installationKeyOfTeam('slack', teamId)) ?? teamId;
    return this.installation(key);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installationKey(query);
    if (key) await this.remove(key);
  }

  /** app_uninstalled, tokens_revoked: the tokens are deleted now and never used again here. */
  async remove(key: string, at = this.now()): Promise<boolean> {
    this.cache.delete(key);
    return this.o.store.removeInstallation({ platform: 'slack', key }, at);
  }
}

function withoutRefresh(installation: SlackInstallation): SlackInstallation {
  if (!installation.bot?.refreshToken) return installation;
  const { refreshToken: _r, expiresAt: _e, ...bot } = installation.bot;
  return { ...installation, bot } as SlackInstallation;
}
