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
  /** `since`: when it was set (the core stamps it; slots before it are not due). */
  | { setting: 'rhythm'; day: number; time: string; durationMs: number; since: number }
  | { setting: 'rhythmOff' }
  | { setting: 'language'; language: Language };
