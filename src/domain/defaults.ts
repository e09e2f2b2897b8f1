// What a channel falls back to (the deployment's defaults), and the languages an answer is in.
import type { Language } from './types.ts';

export interface ChannelDefaults {
  language: Language;
  timezone: string;
  summaryDay: number;
  summaryTime: string;
}

/**
 * The two languages of an answer: the channel's for public posts, the person's for private ones;
 * and the channel's time zone, in which every date is shown.
 */
export interface Languages {
  public: Language;
  private: Language;
  timezone: string;
}
