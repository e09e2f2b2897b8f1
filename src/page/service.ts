import type { ExportFormat } from '../commands/command.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults } from '../domain/defaults.ts';
import type { DebateRecord } from '../domain/records.ts';
import { LANGUAGES, type Language } from '../domain/types.ts';
import { formatLocalDate, localDateTime } from '../domain/zoned-time.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import { resultsVisible } from '../views/build.ts';
import { type ExportParts, exportParts } from '../views/export.ts';
import { endingSections } from '../views/sections.ts';
import { exportWithEndings } from './export-data.ts';
import type { PageLinks } from './links.ts';
import { OPINION_SPAN_MS, PAGE_COMMON_GROUND_SHOWN, type PageModel, pageModel } from './model.ts';

export interface DebatePagesDeps {
  links: PageLinks;
  store: Pick<DebateStore, 'exportData' | 'endorserSides' | 'rounds'>;
  defaults: ChannelDefaults;
  clock: Clock;
}

const formatOf = (filename: string): ExportFormat | undefined =>
  filename.endsWith('.csv') ? 'csv' : filename.endsWith('.md') ? 'markdown' : undefined;

/** A language asked for in the page's address (`?lang=en`), if it is one the bot speaks. */
export const languageParam = (value: string | null): Language | undefined =>
  (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : undefined;

/** What a token opens, and everything a built page depends on (its cache key). */
export interface PageTarget {
  debate: DebateRecord;
  language: Language;
  timezone: string;
  /** The debate's revision: a write that changes the page makes it another. */
  revision: number;
  /** The local day for an open debate (its opinion chart runs to today); empty once closed. */
  day: string;
}

/**
 * Today's date in a zone, worked out once a minute per zone: every page request of an open debate
 * asks, and Intl's reading costs more than the rest of a cached page's answer. Offsets are whole
 * minutes, so the date cannot change within one.
 */
class DayInZone {
  readonly #last = new Map<string, { minute: number; day: string }>();

  of(zone: string, now: Date): string {
    const minute = Math.floor(now.getTime() / 60_000);
    const known = this.#last.get(zone);
    if (known?.minute === minute) return known.day;
    const day = formatLocalDate(localDateTime(zone, now));
    // Zones come from channel settings: a handful, but never an unbounded memory.
    if (this.#last.size >= 1000) this.#last.clear();
    this.#last.set(zone, { minute, day });
    return day;
  }
}

/** The debate pages as the web serves them: a token in, the page's model or a download out. */
export class DebatePages {
  readonly #today = new DayInZone();

  constructor(private readonly deps: DebatePagesDeps) {}

  /** The debate a token opens, with what its page depends on; a few small reads, no page data. */
  async target(token: string, asked?: Language): Promise<PageTarget | undefined> {
    const opened = await this.deps.links.open(token);
    if (!opened) return undefined;
    const { debate, revision } = opened;
    const channel = {
      language: asked ?? opened.channel.language ?? this.deps.defaults.language,
      timezone: opened.channel.timezone ?? this.deps.defaults.timezone,
    };
    const now = this.deps.clock.now();
    const day = debate.status === 'open' ? this.#today.of(channel.timezone, now) : '';
    return { debate, ...channel, revision, day };
  }

  /** The page's model for a target: one read (on SQLite, off the event loop), so its parts agree. */
  async modelOf(target: PageTarget): Promise<PageModel | undefined> {
    const data = await this.deps.links.store.pageData(target.debate.id, OPINION_SPAN_MS);
    if (!data) return undefined;
    const visible = resultsVisible(data.debate);
    // The page's own sections: common ground (the first PAGE_COMMON_GROUND_SHOWN, the rest counted
    // and in the downloads), the two rounds, the closing note; what the results hide is not shown.
    const sections = endingSections({
      debate: data.debate,
      counts: data.counts,
      sides: visible ? data.sides : undefined,
      limit: PAGE_COMMON_GROUND_SHOWN,
      rounds: visible && data.debate.twoRounds ? data.rounds : undefined,
    });
    return {
      ...pageModel(data, target.language, target.timezone, this.deps.clock.now().getTime()),
      sections,
    };
  }

  /**
   * The export a download names, for a target, as pieces built when pulled (a 100,000-vote
   * export is built a slice at a time); undefined when `filename` is not the export's own.
   */
  async exportOf(target: PageTarget, filename: string): Promise<ExportParts | undefined> {
    const format = formatOf(filename);
    if (!format) return undefined;
    const data = await exportWithEndings(this.deps.store, target.debate.id);
    const parts = exportParts(data, format, target.language, target.timezone);
    return parts.view.filename === filename ? parts : undefined;
  }
}
