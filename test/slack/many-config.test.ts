// The configuration of one Slack app for many workspaces: every problem is one line naming its variable.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const KEY = randomBytes(32).toString('base64');
const MANY = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret-0123456789',
  SLACK_SIGNING_SECRET: 'signing-secret',
  DEBAT_ENCRYPTION_KEY: KEY,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration for many workspaces', () => {
  it('runs Slack from a client id, with a 30-day retention by default', () => {
    const config = loadConfig(MANY);
    expect(config.adapters).toEqual(['slack']);
    expect(config.DEBAT_RETENTION_AFTER_UNINSTALL).toBe(30 * 86_400_000);
    expect(
      loadConfig({ ...MANY, DEBAT_RETENTION_AFTER_UNINSTALL: '12h' }).DEBAT_RETENTION_AFTER_UNINSTALL,
    ).toBe(12 * 3_600_000);
    expect(
      loadConfig({ ...MANY, DEBAT_RETENTION_AFTER_UNINSTALL: '0' }).DEBAT_RETENTION_AFTER_UNINSTALL,
    ).toBe(0);
  });

  it('names each missing or wrong variable in one line', () => {
    const { DEBAT_ENCRYPTION_KEY: _k, SLACK_STATE_SECRET: _s, ...partial } = MANY;
    expect(problems(partial)).toEqual([
      'SLACK_STATE_SECRET: required with SLACK_CLIENT_ID',
      expect.stringMatching(/^DEBAT_ENCRYPTION_KEY: required with SLACK_CLIENT_ID/),
    ]);
    expect(problems({ ...MANY, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: set either it \(one workspace\) or SLACK_CLIENT_ID/),
    ]);
    expect(problems({ ...MANY, SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN: .*HTTP mode/),
    ]);
    expect(problems({ ...MANY, DEBAT_ENCRYPTION_KEY: 'short' })).toEqual([
      expect.stringMatching(/^DEBAT_ENCRYPTION_KEY: must be 32 random bytes/),
    ]);
    expect(problems({ ...MANY, DEBAT_ENCRYPTION_KEY_PREVIOUS: `${KEY},nope` })).toEqual([
      expect.stringMatching(/^DEBAT_ENCRYPTION_KEY_PREVIOUS: must be a comma-separated list/),
    ]);
    expect(problems({ ...MANY, DEBAT_RETENTION_AFTER_UNINSTALL: 'soon' })).toEqual([
      expect.stringMatching(/^DEBAT_RETENTION_AFTER_UNINSTALL: expected a duration/),
    ]);
    for (const line of problems({ SLACK_CLIENT_ID: 'x' })) expect(line).not.toContain('\n');
  });

  it('leaves the one-workspace setup as it was', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.adapters).toEqual(['slack']);
    expect(config.SLACK_CLIENT_ID).toBeUndefined();
  });
});
