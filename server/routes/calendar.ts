import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readCalendar, saveCalendar, type SiteCalendars } from '../commands/calendar';
import { callerOf } from '../plugins/auth';
import { presentCalendar } from '../presenters/sites';
import { CalendarBody, CalendarView, errorResponses } from '../contract';

/** The caller's site's calendar: everyone reads it, a projectleider (or an admin) keeps it. */
const calendar: FastifyPluginAsyncTypebox<{ calendars: SiteCalendars }> = async (app, { calendars }) => {
  app.get(
    '/sites/current/calendar',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sites'],
        summary: "The site's calendar: its time zone and the periods it is closed",
        response: { 200: CalendarView, ...errorResponses(401) },
      },
    },
    async (req) => presentCalendar(await readCalendar(req.em, callerOf(req).site)),
  );

  app.put(
    '/sites/current/calendar',
    {
      onRequest: app.requireRole('manager'),
      schema: {
        tags: ['sites'],
        summary: "Replace the site's calendar (manager)",
        description:
          'Timers that count open days, deadlines and the plan count on it. Timers already set keep their due time.',
        body: CalendarBody,
        response: { 200: CalendarView, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => presentCalendar(await saveCalendar(req.em, calendars, callerOf(req).site, req.body)),
  );
};
export default calendar;
