// Installations are stored sealed: the whole installation (bot, user and refresh tokens, webhook
// URL) is one AES-256-GCM box bound to its row (platform and key), never a token in clear.
import type { Platform } from '../domain/types.ts';
import type { Sealed, Sealer } from '../secrets/sealer.ts';
import type { InstallationRow, InstallationStore } from '../store/ports/installations.ts';

const aadOf = (platform: Platform, key: string): string => `installation\u0000${platform}\u0000${key}`;

export function sealInstallation(sealer: Sealer, platform: Platform, key: string, value: unknown): Sealed {
  return sealer.seal(JSON.stringify(value), aadOf(platform, key));
}

export function openInstallation<T>(sealer: Sealer, row: InstallationRow): T {
  return JSON.parse(sealer.open(row.sealed, aadOf(row.platform, row.key))) as T;
}

/**
 * After a key rotation: opens every row sealed under an older key and seals it again under the
 * current one. A row changed meanwhile (a refresh) is already under the current key. Returns
 * how many rows were sealed again.
 */
export async function resealAll(store: InstallationStore, sealer: Sealer): Promise<number> {
  let count = 0;
  for (const row of await store.installationsNotSealedWith(sealer.keyId)) {
    const plain = sealer.open(row.sealed, aadOf(row.platform, row.key));
    const sealed = sealer.seal(plain, aadOf(row.platform, row.key));
    if (await store.reseal(row, row.version, sealed)) count += 1;
  }
  return count;
}
