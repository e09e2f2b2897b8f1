// The two Slack manifests (one workspace over Socket Mode; a distributed app over HTTP) ask for the
// same scopes the OAuth install asks for: one list, in manifest.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botScopes, DISTRIBUTED_MANIFEST_PATH, MANIFEST_PATH } from '../../adapters/slack/oauth/scopes.ts';
import { INSTALL_PATH, REDIRECT_PATH } from '../../adapters/slack/transport.ts';

const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));

describe('Slack manifests', () => {
  it('share one list of bot scopes with the OAuth install', () => {
    expect(botScopes()).toContain('commands');
    expect(botScopes(DISTRIBUTED_MANIFEST_PATH)).toEqual(botScopes(MANIFEST_PATH));
  });

  it('describe a distributed app: HTTP only, the redirect URL, removals subscribed, org-wide installs', () => {
    const single = read(MANIFEST_PATH);
    const app = read(DISTRIBUTED_MANIFEST_PATH);
    expect(app.settings.socket_mode_enabled).toBe(false);
    expect(app.settings.org_deploy_enabled).toBe(true);
    expect(app.settings.token_rotation_enabled).toBe(true);
    expect(app.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
    expect(new URL(app.settings.event_subscriptions.request_url).pathname).toBe('/slack/events');
    expect(new URL(app.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(app.features.slash_commands[0].url).toBe(app.settings.event_subscriptions.request_url);
    expect(app.settings.event_subscriptions.bot_events).toEqual([
      ...single.settings.event_subscriptions.bot_events,
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(INSTALL_PATH).toBe('/slack/install');
    // The rest is the same app.
    expect(app.features.shortcuts).toEqual(single.features.shortcuts);
    expect(app.display_information).toEqual(single.display_information);
  });
});
