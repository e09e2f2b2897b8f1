import type { ArgumentStore } from './arguments.ts';
import type { DebateLifecycleStore } from './debates.ts';
import type { EndingStore } from './endings.ts';
import type { KeepAliveStore } from './keep-alive.ts';
import type { LeaseStore } from './leases.ts';
import type { PrivacyStore } from './privacy.ts';
import type { SettingsStore } from './settings.ts';
import type { SummaryStore } from './summary.ts';
import type { TopicStore } from './topics.ts';
import type { VoteStore } from './votes.ts';

/**
 * The storage port, made of one port per concern: one method per atomic operation, each one
 * transaction inside. Debates are reached through their workspace: no method crosses workspaces.
 */
export interface DebateStore
  extends SettingsStore,
    DebateLifecycleStore,
    ArgumentStore,
    VoteStore,
    PrivacyStore,
    SummaryStore,
    KeepAliveStore,
    TopicStore,
    LeaseStore,
    EndingStore {
  /** Forgets delivery keys older than `before`. */
  pruneDeliveries(before: number): Promise<number>;

  close(): Promise<void>;
}
