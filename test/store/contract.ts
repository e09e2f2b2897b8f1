// The store contract: what every store owes the engine, asserted through port methods only
// (no SQL, no handle), so a second implementation is proven by the same cases as the first.
// Each backend calls describeStoreContract with a factory of fresh, empty stores.
//
// Where each port method is covered (test/store/contract/):
//   DebateStore (src/store/ports/debate-store.ts)
//     serverSetting, keepServerSetting, changeServerSettings, channelSettings, saveChannelSetting .......... channels.ts
//     openDebate, findDebate, currentDebate, openDebates, setScoreboardRef,
//       debateByScoreboardRef, debatesOfWorkspace ................. debates.ts
//     addArgument, argument, withdrawArgument, argumentsPage, argumentsOfSide ... arguments.ts
//     castVote, voteOf, tally ...................................... votes.ts
//     toggleEndorsement, recordPersuasion ......................... endorsements.ts
//     setStatus, closeExpired (and votes meeting an ended debate) . status.ts
//     setClosingNote, lastClosedDebate, endorserSides, startRound2, claimHalftimes,
//       completeHalftime, rounds (EndingStore, src/store/ports/endings.ts) ... endings.ts
//     scoreboard, exportData ...................................... reads.ts
//     debatesTouchedBy, forgetParticipant, close .................. people.ts
//     scrubAnonymousOrder, unlinkEnded ............................ anonymity.ts
//     every keyed write delivered twice at once, pruneDeliveries .. deliveries.ts
//     editArgument, the openers setting ..... ../keep-alive-contract.ts (describeKeepAliveContract)
//     watchSettings (optional, for stores shared by several processes) ... test/fleet/shared-state.test.ts
//   KeepAliveStore (src/store/ports/keep-alive.ts)
//     claimReminders, completeReminder, nudgeCandidates, claimNudge ... ../keep-alive-contract.ts
//   SummaryStore (src/store/ports/summary.ts)
//     ledgerEntry, ledgerSince, claimSummary, completeSummary, failSummary,
//       skipSummary ............................................... summary-ledger.ts
//     summaryChannels, weekActivity, weekActivities (snapshots as baselines) ... week-activity.ts
//   LeaseStore (src/store/ports/leases.ts)
//     renewInstanceLease, releaseInstanceLease, claimEndAnnouncements, completeEndAnnouncement,
//       repeatClick, pruneClicks, closeExpired's scopes; nudgeCandidates' backlog ... leases.ts
//   PageStore (src/store/ports/pages.ts), when the factory gives `pages`
//     pageLink, pageVersion, revokePages, pageData ................ pages.ts
import { describe } from 'vitest';
import { anonymityContract } from './contract/anonymity.ts';
import { argumentContract } from './contract/arguments.ts';
import { channelContract } from './contract/channels.ts';
import { debateContract } from './contract/debates.ts';
import { deliveryContract } from './contract/deliveries.ts';
import { endingContract } from './contract/endings.ts';
import { endorsementContract } from './contract/endorsements.ts';
import { type CreateStore, withStoreOf } from './contract/harness.ts';
import { leaseContract } from './contract/leases.ts';
import { pageContract } from './contract/pages.ts';
import { peopleContract } from './contract/people.ts';
import { readContract } from './contract/reads.ts';
import { statusContract } from './contract/status.ts';
import { ledgerContract } from './contract/summary-ledger.ts';
import { voteContract } from './contract/votes.ts';
import { weekActivityContract } from './contract/week-activity.ts';

/** The behaviour every DebateStore implementation owes the engine. */
export function describeStoreContract(name: string, create: CreateStore) {
  const withStore = withStoreOf(create);
  describe(`DebateStore contract: ${name}`, () => {
    channelContract(withStore);
    debateContract(withStore);
    argumentContract(withStore);
    voteContract(withStore);
    endorsementContract(withStore);
    endingContract(withStore);
    statusContract(withStore);
    readContract(withStore);
    deliveryContract(withStore);
    peopleContract(withStore);
    ledgerContract(withStore);
    weekActivityContract(withStore);
    pageContract(withStore);
    leaseContract(withStore);
    anonymityContract(withStore);
  });
}
