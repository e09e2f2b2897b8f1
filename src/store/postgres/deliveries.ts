// Delivery keys in PostgreSQL, inside the caller's transaction: the same delivery never acts twice.
import type { Query } from './session.ts';

/** Claims a delivery key; false when another delivery (maybe on another instance) has it. */
export const claimDelivery = async (query: Query, key: string | undefined, at: number): Promise<boolean> =>
  key === undefined ||
  (
    await query('INSERT INTO deliveries (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [
      key,
      at,
    ])
  ).length === 1;

/** Whether a delivery key was handled already. */
export const deliveryHandled = async (query: Query, key: string | undefined): Promise<boolean> =>
  key !== undefined && (await query('SELECT 1 FROM deliveries WHERE key = $1', [key])).length === 1;
