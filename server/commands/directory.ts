import type { EntityManager } from '@mikro-orm/core';
import { User } from '../db/entities';

/** How long a site's names are trusted: a name changed by another process shows within this. */
const freshMs = 10_000;

/**
 * The display names of a site's accounts, by username: the records (history, signatures,
 * presence, notes) keep usernames and are shown with names. A site has tens of accounts, so
 * all of them are read at once and kept for a few seconds; this process forgets them as soon as
 * it changes an account. Deactivated accounts keep their names: they stay in the history.
 */
export class Directory {
  private sites = new Map<string, { at: number; names: Map<string, string> }>();

  async names(em: () => EntityManager, site: string): Promise<ReadonlyMap<string, string>> {
    const known = this.sites.get(site);
    if (known && performance.now() - known.at < freshMs) return known.names;
    const at = performance.now();
    const users = await em().find(User, { site }, { fields: ['username', 'displayName'] });
    const names = new Map(users.map((u) => [u.username, u.displayName]));
    this.sites.set(site, { at, names });
    return names;
  }

  forget(): void {
    this.sites.clear();
  }
}
