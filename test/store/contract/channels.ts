// Server-wide settings (never the anonymity key itself) and each channel's settings.
import { expect, it } from 'vitest';
import type { ChannelSettings } from '../../../src/domain/records.ts';
import { elsewhere, here, nextDoor, otherPlatform, type WithStore } from './harness.ts';

export function channelContract(withStore: WithStore) {
  it(
    'keepServerSetting keeps the first value, whoever asks next; changeServerSettings sets and removes',
    withStore(async ({ store }) => {
      expect(await store.serverSetting('anonymity_key_fingerprint')).toBeUndefined();
      const [first, second] = await Promise.all([
        store.keepServerSetting('anonymity_key_fingerprint', 'one'),
        store.keepServerSetting('anonymity_key_fingerprint', 'two'),
      ]);
      expect(first).toBe(second);
      expect(['one', 'two']).toContain(first);
      expect(await store.keepServerSetting('anonymity_key_fingerprint', 'three')).toBe(first);
      await store.changeServerSettings({ anonymity_secret: 'legacy', anonymity_key_sealed: 'box' });
      await store.changeServerSettings({ anonymity_secret: null, anonymity_key_sealed: 'box 2' });
      expect(await store.serverSetting('anonymity_secret')).toBeUndefined();
      expect(await store.serverSetting('anonymity_key_sealed')).toBe('box 2');
      expect(await store.serverSetting('anonymity_key_fingerprint')).toBe(first);
    }),
  );

  it(
    'channelSettings/saveChannelSetting: defaults, each change kept alone, per channel',
    withStore(async ({ store }) => {
      const defaults = await store.channelSettings(here);
      expect(defaults).toMatchObject({
        timezone: null,
        summaryDay: null,
        summaryTime: null,
        summaryOff: false,
        threads: false,
        language: null,
      });
      let expected: ChannelSettings = defaults;
      const save = async (
        change: Parameters<typeof store.saveChannelSetting>[1],
        set: Partial<ChannelSettings>,
      ) => {
        expected = { ...expected, ...set };
        expect(await store.saveChannelSetting(here, change)).toEqual(expected);
        expect(await store.channelSettings(here)).toEqual(expected);
      };
      await save({ setting: 'timezone', zone: 'America/Montreal' }, { timezone: 'America/Montreal' });
      await save({ setting: 'language', language: 'en' }, { language: 'en' });
      await save({ setting: 'threads', enabled: true }, { threads: true });
      await save({ setting: 'summaryOff' }, { summaryOff: true });
      // A schedule turns the summary back on.
      await save(
        { setting: 'summary', day: 5, time: '16:30' },
        { summaryDay: 5, summaryTime: '16:30', summaryOff: false },
      );
      await save({ setting: 'threads', enabled: false }, { threads: false });
      await save({ setting: 'timezone', zone: 'Europe/Paris' }, { timezone: 'Europe/Paris' });
      for (const scope of [nextDoor, elsewhere, otherPlatform])
        expect(await store.channelSettings(scope)).toEqual(defaults);
    }),
  );
}
