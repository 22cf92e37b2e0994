import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { boundStudent, halfDayLabel, halfDaysIn, halfDaysOn, helpPaused, studentExclusive } from '../../engine';
import { Case, HelpSession, Site, type IHelpSession } from '../db/entities';
import { appError, caseNotFound } from '../errors';
import type { SessionBodyT } from '../contract';
import type { Actor } from '../auth/caller';
import type { DefinitionCache } from './definitions';
import { checkDay } from './presence';
import { planCase } from './planning';

/**
 * Records how a planned visit went (report 5: the informal care hours): done with its hours,
 * cancelled by the client, or the student was away. Only a half-day the client is matched on,
 * on a date that is that half-day, while the help runs. Recording it again changes it.
 */
export async function recordSession(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  clientId: string,
  day: string,
  halfDay: string,
  body: SessionBodyT,
  now: Date,
): Promise<IHelpSession> {
  checkDay(day);
  const client = await planCase(em, cache, actor.site, clientId);
  if (!client) throw caseNotFound();
  const ex = studentExclusive(client.def);
  const bound = boundStudent(client);
  const label = halfDayLabel(halfDay, client.def, ex?.overlap);
  if (!halfDaysOn(day).includes(halfDay))
    throw appError('BAD_REQUEST', 'Dit dagdeel valt niet op deze dag', 'This half-day is not on this day', [
      {
        path: 'params.halfDay',
        message: { nl: `${day} is geen ${label.nl.split(' ')[0]}`, en: `${day} is not a ${label.en.split(' ')[0]}` },
      },
    ]);
  if (!ex || !bound || client.outcome || helpPaused(client) || !halfDaysIn(client.data[ex.overlap]).includes(halfDay))
    throw appError(
      'EVENT_NOT_ALLOWED',
      `Op ${label.nl} is voor deze klant geen hulp gepland`,
      `No help is planned for this client on ${label.en}`,
      [
        {
          path: 'params.halfDay',
          message: {
            nl: 'Alleen een dagdeel waarop de klant gekoppeld is en de hulp loopt',
            en: 'Only a half-day the client is matched on, while the help runs',
          },
        },
      ],
    );
  // The report gives no hours for a half-day: a visit done says how long it took, unless the site set its own hours.
  const hours = body.status === 'gedaan' ? (body.hours ?? client.def.reports?.care?.hoursPerHalfDay) : 0;
  if (hours === undefined)
    throw appError('INVALID_FORM', 'Hoe lang duurde het bezoek?', 'How long did the visit take?', [
      {
        path: 'body.hours',
        message: { nl: 'Vul de uren van de hulp in', en: 'Fill in the hours of the help' },
      },
    ]);
  const values = {
    status: body.status,
    hours,
    recordedBy: actor.username,
    recordedAt: now,
  };
  for (let attempt = 0; ; attempt++) {
    const work = em.fork();
    try {
      let s = await work.findOne(HelpSession, { client: clientId, day, halfDay });
      if (s) work.assign(s, { ...values, student: work.getReference(Case, bound.student) });
      else
        s = work.create(HelpSession, {
          site: work.getReference(Site, actor.site),
          client: work.getReference(Case, clientId),
          workflowKey: client.def.key,
          day,
          halfDay,
          ...values,
          student: work.getReference(Case, bound.student),
        });
      await work.flush();
      return s;
    } catch (err) {
      // Recorded by someone else between our read and our insert: change theirs.
      if (err instanceof UniqueConstraintViolationException && attempt === 0) continue;
      throw err;
    }
  }
}

/** Takes back a recorded session (recorded on the wrong half-day): the visit is open again. */
export async function removeSession(
  em: EntityManager,
  actor: Actor,
  clientId: string,
  day: string,
  halfDay: string,
): Promise<void> {
  checkDay(day);
  const s = await em.findOne(HelpSession, { site: actor.site, client: clientId, day, halfDay });
  if (!s) throw appError('NOT_FOUND', 'Hier is geen hulp vastgelegd', 'No help session is recorded here');
  await em.remove(s).flush();
}
