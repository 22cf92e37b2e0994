import type { EntityManager } from '@mikro-orm/core';
import { appError } from '../errors';

/** One round trip to the database; 503 when it does not answer. */
export async function checkDatabase(em: EntityManager): Promise<void> {
  try {
    await em.getConnection().execute('select 1');
  } catch {
    throw appError('UNAVAILABLE', 'De database is niet bereikbaar', 'The database is not reachable');
  }
}
