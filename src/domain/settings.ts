import type { Openers } from './records.ts';
import type { Language } from './types.ts';

/** One change of a channel's settings. */
export type SettingChange =
  | { setting: 'timezone'; zone: string }
  | { setting: 'summary'; day: number; time: string }
  | { setting: 'summaryOff' }
  | { setting: 'threads'; enabled: boolean }
  | { setting: 'openers'; openers: Openers }
  | { setting: 'reminders'; enabled: boolean }
  | { setting: 'nudges'; enabled: boolean }
  | { setting: 'language'; language: Language };
