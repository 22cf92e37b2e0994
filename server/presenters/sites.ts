import { defaultTimeZone, type SiteCalendar } from '../../engine';
import type { ISite } from '../db/entities';
import type { CalendarViewT, SiteViewT } from '../contract';

export const presentSite = (s: ISite): SiteViewT => ({
  id: s.id,
  name: s.name,
  host: s.host,
  createdAt: s.createdAt.toISOString(),
});

export const presentCalendar = (calendar: SiteCalendar): CalendarViewT => ({
  calendar,
  timeZone: calendar.timeZone ?? defaultTimeZone,
});
