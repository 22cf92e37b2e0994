import type { SiteCalendars } from '../commands/calendar';
import type { DefinitionCache } from '../commands/definitions';
import type { Directory } from '../commands/directory';

/**
 * What the app factory hands its route plugins: the clock (injected in tests), the published
 * definitions, the site calendars and the account names. Each plugin picks what it reads.
 */
export interface RouteDeps {
  now: () => Date;
  definitions: DefinitionCache;
  calendars: SiteCalendars;
  directory: Directory;
}
