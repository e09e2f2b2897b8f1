import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const problems = (value: string): string[] => {
  try {
    loadConfig({ DEBAT_PUBLIC_URL: value });
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe('DEBAT_PUBLIC_URL', () => {
  it('is optional, and kept without its trailing slash (a path behind a proxy too)', () => {
    expect(loadConfig({}).DEBAT_PUBLIC_URL).toBeUndefined();
    expect(loadConfig({ DEBAT_PUBLIC_URL: '' }).DEBAT_PUBLIC_URL).toBeUndefined();
    expect(loadConfig({ DEBAT_PUBLIC_URL: 'https://debat.example.org/' }).DEBAT_PUBLIC_URL).toBe(
      'https://debat.example.org',
    );
    expect(loadConfig({ DEBAT_PUBLIC_URL: ' http://10.0.0.5:3000/debat/ ' }).DEBAT_PUBLIC_URL).toBe(
      'http://10.0.0.5:3000/debat',
    );
  });

  it('refuses what cannot be the base of a link pasted in chat, naming the variable', () => {
    for (const value of ['debat.example.org', 'ftp://debat.example.org', 'javascript:alert(1)'])
      expect(problems(value), value).toEqual([
        'DEBAT_PUBLIC_URL: must be an http:// or https:// address, e.g. https://debat.example.org',
      ]);
    for (const value of [
      'https://debat.example.org/?a=1',
      'https://x@debat.example.org',
      'https://debat.example.org/#top',
    ])
      expect(problems(value), value).toEqual([
        'DEBAT_PUBLIC_URL: must be a plain address, without ?query, #fragment or login',
      ]);
  });
});
