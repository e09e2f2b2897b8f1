// What every use case of the engine is given, and the shape of a command's handler.
import type { Command } from '../commands/command.ts';
import type { Clock } from '../domain/clock.ts';
import type { ChannelDefaults, Languages } from '../domain/defaults.ts';
import type { Logger } from '../domain/logger.ts';
import type { Invocation } from '../domain/types.ts';
import type { InstanceLease } from '../live/instance-lease.ts';
import type { PageLinks } from '../page/links.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import type { Outcome } from './outcome.ts';

export interface EngineDeps {
  store: DebateStore;
  clock: Clock;
  secret: string;
  defaults: ChannelDefaults;
  logger: Logger;
  /** This instance's lease, under which it claims work (reminders, nudges, announcements). */
  lease: InstanceLease;
  /** Signs and checks debate page links (absent: `page` says how to enable pages). */
  pages?: PageLinks | undefined;
}

export type Handler<K extends Command['kind']> = (
  deps: EngineDeps,
  inv: Invocation,
  command: Extract<Command, { kind: K }>,
  languages: Languages,
) => Promise<Outcome>;
