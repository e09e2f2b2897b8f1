// What the export and the page's downloads read: the debate's data and, once its results are
// visible, its common ground and rounds. One read for both, so they never differ.
import type { ExportData } from '../domain/records.ts';
import type { DebateStore } from '../store/ports/debate-store.ts';
import { resultsVisible } from '../views/build.ts';

/** A debate's export data with its common ground and rounds (hidden results read none). */
export async function exportWithEndings(
  store: Pick<DebateStore, 'exportData' | 'endorserSides' | 'rounds'>,
  debateId: number,
): Promise<ExportData> {
  const data = await store.exportData(debateId);
  if (!resultsVisible(data.debate)) return data;
  const [sides, rounds] = await Promise.all([
    store.endorserSides(debateId),
    data.debate.twoRounds ? store.rounds(debateId) : undefined,
  ]);
  return { ...data, sides, rounds };
}
