import type { EntityManager } from '@mikro-orm/core';
import { calendarProblems, type SiteCalendar, type TimeOptions } from '../../engine';
import { Site } from '../db/entities';
import { fromProblems, notFound } from '../errors';

/**
 * Every site's calendar (time zone, closed periods), as the engine takes it with the clock. A
 * calendar changes a few times a year and is read by every step of every case, so it is kept
 * for a few seconds: a change made in this process counts at once, one made by another process
 * on the same database within `ttlMs`. Reading the cache touches no database, which matters on
 * the SQLite hot path, where asking MikroORM for an entity manager costs a fork.
 */
export class SiteCalendars {
  private known = new Map<string, { options: TimeOptions; readAt: number }>();

  constructor(private readonly ttlMs = 5_000) {}

  /** The engine's time options for a site; `em` is asked for only when the calendar is read again. */
  async options(em: () => EntityManager, site: string): Promise<TimeOptions> {
    const hit = this.known.get(site);
    if (hit && performance.now() - hit.readAt < this.ttlMs) return hit.options;
    const calendar = await readCalendar(em(), site);
    const options = calendar.timeZone || calendar.closed?.length ? { calendar } : {};
    this.known.set(site, { options, readAt: performance.now() });
    return options;
  }

  forget(site: string) {
    this.known.delete(site);
  }
}

/** A site's calendar as kept; an empty one when none was ever saved. */
export async function readCalendar(em: EntityManager, site: string): Promise<SiteCalendar> {
  const found = await em.findOne(Site, { id: site }, { fields: ['calendar'] });
  if (!found) throw notFound({ nl: 'Locatie', en: 'Site' });
  return found.calendar ?? {};
}

/**
 * Replaces a site's calendar after checking it whole (every problem with its path). Closed
 * periods are kept in date order. Timers already set keep their due time; deadlines, the plan
 * and timers set from now on count on the new calendar.
 */
export async function saveCalendar(
  em: EntityManager,
  calendars: SiteCalendars,
  site: string,
  input: unknown,
): Promise<SiteCalendar> {
  const problems = calendarProblems(input);
  if (problems.length)
    throw fromProblems('INVALID_CALENDAR', { nl: 'De kalender klopt niet', en: 'The calendar has problems' }, problems);
  const given = input as SiteCalendar;
  const calendar: SiteCalendar = {
    ...(given.timeZone ? { timeZone: given.timeZone } : {}),
    ...(given.closed?.length
      ? { closed: [...given.closed].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)) }
      : {}),
  };
  const changed = await em.nativeUpdate(Site, { id: site }, { calendar });
  if (changed !== 1) throw notFound({ nl: 'Locatie', en: 'Site' });
  calendars.forget(site);
  return calendar;
}
