// Rotating tokens (Slack's token rotation): an access token lasts 12 hours and its refresh token
// works once. Before expiry, the instance that wins the store's claim calls oauth.v2.access and
// stores the new pair; the others keep using the current token, still valid, or wait for the new
// one if it has already expired. One refresh per workspace, however many instances race.
import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import type { InstallationRow, InstallationStore, Sealer } from '../../../src/api.ts';
import { sealInstallation } from '../../../src/api.ts';
import type { SlackInstallation } from './installation-store.ts';

export interface RefreshOptions {
  store: InstallationStore;
  sealer: Sealer;
  clientId: string;
  clientSecret: string;
  apiUrl?: string | undefined;
  /** Refresh this long before the token expires (default 2 hours, as Bolt does). */
  refreshBeforeMs?: number;
  now?: () => number;
}

const CLAIM_MS = 30_000;

/** An installation opened from the row version it was read at. */
export interface Opened {
  installation: SlackInstallation;
  version: number;
}
const POLL_MS = 50;

export class TokenRefresher {
  private readonly owner = randomUUID();
  private readonly running = new Map<string, Promise<Opened | undefined>>();
  private readonly client: webApi.WebClient;

  constructor(
    private readonly o: RefreshOptions,
    private readonly open: (row: InstallationRow) => SlackInstallation,
  ) {
    this.client = new webApi.WebClient(undefined, {
      ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
      retryConfig: { retries: 2, minTimeout: 100, maxTimeout: 1000 },
      timeout: 15_000,
    });
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** True when the installation's bot token should be refreshed now. */
  due(installation: SlackInstallation, now: number): boolean {
    const expiresAt = installation.bot?.expiresAt;
    return expiresAt !== undefined && expiresAt * 1000 - now < (this.o.refreshBeforeMs ?? 2 * 3_600_000);
  }

  /** The installation with a token that is not about to expire (refreshed if needed). */
  async fresh(row: InstallationRow): Promise<Opened | undefined> {
    const installation = this.open(row);
    if (!installation.bot?.refreshToken || !this.due(installation, this.now()))
      return { installation, version: row.version };
    let running = this.running.get(row.key);
    if (!running) {
      running = this.refresh(row, installation).finally(() => this.running.delete(row.key));
      this.running.set(row.key, running);
    }
    return running;
  }

  private async refresh(row: InstallationRow, current: SlackInstallation): Promise<Opened | undefined> {
    const which = { platform: row.platform, key: row.key };
    const now = this.now();
    const claimed = await this.o.store.claimRefresh(which, this.owner, now, now + CLAIM_MS);
    if (!claimed) return this.awaitOthers(row, current);
    const latest = this.open(claimed);
    // Someone refreshed between our read and our claim: their tokens are the ones to use.
    if (!latest.bot?.refreshToken || !this.due(latest, now)) {
      await this.o.store.releaseRefresh(which, this.owner);
      return { installation: latest, version: claimed.version };
    }
    try {
      const answer = await this.client.oauth.v2.access({
        client_id: this.o.clientId,
        client_secret: this.o.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: latest.bot.refreshToken,
      });
      if (!answer.access_token || !answer.refresh_token || !answer.expires_in)
        throw new Error('oauth.v2.access gave no rotated token');
      const at = this.now();
      const expiresAt = Math.floor(at / 1000) + answer.expires_in;
      const next = {
        ...latest,
        bot: { ...latest.bot, token: answer.access_token, refreshToken: answer.refresh_token, expiresAt },
      } as SlackInstallation;
      const sealed = sealInstallation(this.o.sealer, row.platform, row.key, next);
      if (!(await this.o.store.completeRefresh(which, this.owner, sealed, expiresAt * 1000, at)))
        return this.reread(row);
      return { installation: next, version: claimed.version + 1 };
    } catch (error) {
      await this.o.store.releaseRefresh(which, this.owner);
      if (!this.expired(latest)) return { installation: latest, version: claimed.version };
      throw error;
    }
  }

  private expired(installation: SlackInstallation): boolean {
    const expiresAt = installation.bot?.expiresAt;
    return expiresAt !== undefined && expiresAt * 1000 <= this.now();
  }

  /** Another instance holds the claim: the current token while it lasts, else its new one. */
  private async awaitOthers(row: InstallationRow, current: SlackInstallation): Promise<Opened | undefined> {
    if (!this.expired(current)) return { installation: current, version: row.version };
    const giveUp = this.now() + CLAIM_MS;
    while (this.now() < giveUp) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const again = await this.o.store.installation(row);
      if (!again) return undefined;
      if (again.version !== row.version) return { installation: this.open(again), version: again.version };
    }
    throw new Error(`the token of ${row.key} expired and its refresh did not finish`);
  }

  private async reread(row: InstallationRow): Promise<Opened | undefined> {
    const again = await this.o.store.installation(row);
    return again && { installation: this.open(again), version: again.version };
  }
}
