import type { DebateRecord } from '../domain/records.ts';
import type { Platform, WorkspaceScope } from '../domain/types.ts';
import type { PageLinkRecord, PageStore } from '../store/ports/pages.ts';
import { pageToken, readPageToken, tokenValid } from './token.ts';

/** Where page links live under the base URL: `/d/<token>`. */
export const PAGE_PREFIX = '/d/';

export interface PageLinkOptions {
  store: PageStore;
  /** DEBAT_PUBLIC_URL: the address people's browsers reach. */
  publicUrl?: string | undefined;
  /**
   * The terminal's local address when no public URL is set; `start` lets it start the HTTP
   * server (a `page` command), otherwise it answers only if the server already listens.
   */
  localUrl?: ((start: boolean) => Promise<string | undefined>) | undefined;
}

type FindDebate = (scope: WorkspaceScope, number: number) => Promise<DebateRecord | undefined>;

/** Signs, checks and revokes the links of debate pages. */
export class PageLinks {
  readonly #reading = new Map<string, Promise<PageLinkRecord | undefined>>();
  private readonly base: string | undefined;

  constructor(
    private readonly options: PageLinkOptions,
    private readonly secret: string,
    private readonly findDebate: FindDebate,
  ) {
    this.base = options.publicUrl?.replace(/\/+$/, '');
  }

  get store(): PageStore {
    return this.options.store;
  }

  /** The base of links given on a platform; undefined while DEBAT_PUBLIC_URL is not set. */
  async baseFor(platform: Platform, start = false): Promise<string | undefined> {
    if (this.base !== undefined) return this.base;
    return platform === 'terminal' && this.options.localUrl ? this.options.localUrl(start) : undefined;
  }

  /**
   * The current link of a debate's page, or undefined when links have no base on this platform.
   * Only a person asking for it (`start`) starts the terminal's local server.
   */
  async url(
    debate: Pick<DebateRecord, 'id' | 'uid' | 'platform'>,
    start = false,
  ): Promise<string | undefined> {
    const base = await this.baseFor(debate.platform, start);
    if (base === undefined) return undefined;
    const version = await this.options.store.pageVersion(debate.id);
    return `${base}${PAGE_PREFIX}${pageToken(this.secret, debate.uid, version)}`;
  }

  /** The link of `#number` of a workspace, for views built without the debate's record. */
  async urlOf(scope: WorkspaceScope, number: number): Promise<string | undefined> {
    if (this.base === undefined && scope.platform !== 'terminal') return undefined;
    const debate = await this.findDebate(scope, number);
    return debate && this.url(debate);
  }

  /**
   * The debate a token opens, with its revision and its channel's language and time zone, in one
   * read; undefined for a malformed, forged or revoked one alike.
   */
  async open(token: string): Promise<Omit<PageLinkRecord, 'version'> | undefined> {
    const read = readPageToken(token);
    if (!read) return undefined;
    const link = await this.linkOf(read.uid);
    if (!link || !tokenValid(this.secret, read, link.version)) return undefined;
    return { debate: link.debate, revision: link.revision, channel: link.channel };
  }

  /**
   * Requests for one page that arrive while its link is being read share that read: a page read
   * by many at once costs the store one read at a time, not one per reader.
   */
  private linkOf(uid: string): Promise<PageLinkRecord | undefined> {
    let reading = this.#reading.get(uid);
    if (!reading) {
      reading = this.options.store.pageLink(uid).finally(() => this.#reading.delete(uid));
      this.#reading.set(uid, reading);
    }
    return reading;
  }

  /** Voids every link of the debate given so far. */
  revoke(debate: Pick<DebateRecord, 'id'>): Promise<number> {
    return this.options.store.revokePages(debate.id);
  }
}
