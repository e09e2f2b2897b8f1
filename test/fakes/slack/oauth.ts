// Slack's OAuth as the fake plays it: a person approves an install (`approve`, what the browser
// does at slack.com), the app trades the code at `oauth.v2.access` for a bot token of that
// workspace or org, and with token rotation on, trades each refresh token once for a new pair.
// Every token issued is kept (`issued`) so tests can look for them where they must not be.
import { randomBytes } from 'node:crypto';
import type { Identity } from './web-api-methods.ts';

type Json = Record<string, unknown>;

export interface InstallTarget {
  teamId: string;
  teamName?: string;
  /** An Enterprise Grid org: with `orgWide`, the install covers every workspace of the org. */
  enterpriseId?: string;
  orgWide?: boolean;
  installer?: string;
}

export interface Grant {
  token: string;
  target: InstallTarget;
  botUserId: string;
  botId: string;
  /** ms; undefined when tokens do not rotate. */
  expiresAt?: number | undefined;
  revoked: boolean;
}

export interface OAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token rotation: access tokens last this long (Slack: 12 hours). */
  rotateAfterSec?: number;
  /** The first token of an install lasts this long instead: as if installed hours ago. */
  installExpiresInSec?: number;
  scopes?: readonly string[];
}

const secret = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`;

export class FakeOAuth {
  readonly clientId: string;
  readonly clientSecret: string;
  rotateAfterSec: number | undefined;
  private readonly installExpiresInSec: number | undefined;
  private readonly scopes: readonly string[];
  private readonly codes = new Map<string, InstallTarget>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, { target: InstallTarget; used: boolean }>();
  /** Every access and refresh token issued, in order. */
  readonly issued: string[] = [];
  /** Refresh attempts: the refresh token given and whether Slack accepted it. */
  readonly refreshes: { refreshToken: string; ok: boolean }[] = [];
  private bots = 0;

  constructor(o: OAuthOptions = {}) {
    this.clientId = o.clientId ?? '1111111111.2222222222';
    this.clientSecret = o.clientSecret ?? 'fake-client-secret-0123';
    this.rotateAfterSec = o.rotateAfterSec;
    this.installExpiresInSec = o.installExpiresInSec;
    this.scopes = o.scopes ?? ['commands', 'chat:write'];
  }

  /** A person approves the install: the code Slack sends back to the redirect URL. */
  approve(target: InstallTarget): string {
    const code = secret('code');
    this.codes.set(code, target);
    return code;
  }

  private key(target: InstallTarget): string {
    return target.orgWide ? target.enterpriseId! : target.teamId;
  }

  /** The grant of a bearer token, if this fake issued it. */
  grant(token: string): Grant | undefined {
    return this.grants.get(token);
  }

  /** The identity a token speaks as (auth.test, message authors). */
  identityOf(grant: Grant, appId: string): Identity {
    return {
      teamId: grant.target.teamId,
      teamName: grant.target.teamName ?? grant.target.teamId.toLowerCase(),
      botUserId: grant.botUserId,
      botId: grant.botId,
      appId,
      ...(grant.target.enterpriseId ? { enterpriseId: grant.target.enterpriseId } : {}),
      ...(grant.target.orgWide ? { enterpriseInstall: true } : {}),
    };
  }

  /** The workspace (or org) removes the app: its tokens stop working. */
  revoke(key: string): void {
    for (const grant of this.grants.values()) if (this.key(grant.target) === key) grant.revoked = true;
  }

  private issue(target: InstallTarget, appId: string, lifetimeSec = this.rotateAfterSec): Json {
    const previous = [...this.grants.values()].find((g) => this.key(g.target) === this.key(target));
    this.bots += 1;
    const botUserId = previous?.botUserId ?? `UBOT${this.bots}`;
    const botId = previous?.botId ?? `BBOT${this.bots}`;
    const token = secret('xoxb');
    const rotating = this.rotateAfterSec !== undefined;
    const expiresAt = rotating ? Date.now() + lifetimeSec! * 1000 : undefined;
    this.grants.set(token, { token, target, botUserId, botId, expiresAt, revoked: false });
    this.issued.push(token);
    const answer: Json = {
      ok: true,
      app_id: appId,
      authed_user: { id: target.installer ?? 'UINSTALLER' },
      scope: this.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: botUserId,
      team: target.orgWide ? null : { id: target.teamId, name: target.teamName ?? target.teamId },
      enterprise: target.enterpriseId ? { id: target.enterpriseId, name: target.enterpriseId } : null,
      is_enterprise_install: target.orgWide === true,
    };
    if (rotating) {
      const refresh = secret('xoxe-1');
      this.refreshTokens.set(refresh, { target, used: false });
      this.issued.push(refresh);
      answer.refresh_token = refresh;
      answer.expires_in = lifetimeSec;
    }
    return answer;
  }

  /** `oauth.v2.access`: a code (install) or a refresh token (rotation), with the app's credentials. */
  access(args: Json, appId: string): Json {
    if (args.client_id !== this.clientId) return { ok: false, error: 'invalid_client_id' };
    if (args.client_secret !== this.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') {
      const refreshToken = String(args.refresh_token ?? '');
      const known = this.refreshTokens.get(refreshToken);
      const ok = known !== undefined && !known.used;
      this.refreshes.push({ refreshToken, ok });
      if (!known || known.used) return { ok: false, error: 'invalid_refresh_token' };
      known.used = true;
      return this.issue(known.target, appId);
    }
    const target = this.codes.get(String(args.code ?? ''));
    if (!target) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    return this.issue(target, appId, this.installExpiresInSec ?? this.rotateAfterSec);
  }
}
