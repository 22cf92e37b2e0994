import { addDuration } from '../../engine';
import { hashPassword } from '../../server/auth/passwords';
import { Site, User } from '../../server/db/entities';
import { longSession, type TestApp } from './helpers';

/** What the walk needs of a test's clock: read it, and move it. */
export interface MovableClock {
  readonly at: Date;
  set(iso: string | Date): void;
}

/** A clock a test moves: hand `clock.now` to the app. */
export class TestClock implements MovableClock {
  constructor(public at: Date = new Date()) {}
  readonly now = () => this.at;
  set(iso: string | Date) {
    this.at = new Date(iso);
  }
}

const day = 86_400_000;

/**
 * The last start moment (1 September or 1 February, as in the shipped student trajectory) from
 * which the ten weeks of introduction are over before `present`.
 */
function lastStartBefore(present: Date): Date {
  const latest = present.getTime() - 72 * day;
  const y = new Date(latest).getUTCFullYear();
  const moments = [y - 1, y]
    .flatMap((year) => [`${year}-02-01`, `${year}-09-01`])
    .map((d) => Date.parse(`${d}T00:00:00Z`));
  return new Date(Math.max(...moments.filter((m) => m <= latest)));
}

async function docentOf(t: TestApp, site: string, at: Date): Promise<Record<string, string>> {
  const username = `docent-planning-${site}`;
  const em = t.app.orm.em.fork();
  if (!(await em.count(User, { username }))) {
    em.create(User, {
      site: em.getReference(Site, site),
      username,
      displayName: 'Docent (planning)',
      role: 'staff',
      function: 'docent',
      passwordHash: await hashPassword(`${username}-wachtwoord`),
    });
    await em.flush();
  }
  return longSession(t, username, at);
}

/**
 * A student of the shipped student trajectory taken through the real API to the welfare
 * placement, with fixed half-days in the wijk: registered, intake, enrolled, the start moment and
 * ten weeks of introduction passed on `clock` (moved back for it), the learning route agreed.
 * The clock is back at its time when the student is there; their id is returned. An emergency
 * contact in `data` is asked at enrolment, as the workflow does; `until: 'introductie'` stops in
 * the introduction.
 */
export async function studentInWijk(
  t: TestApp,
  clock: MovableClock,
  data: Record<string, unknown> & { naam: string },
  dagdelen: string[],
  options: { site?: string; until?: 'introductie'; need?: 'structuur' | 'uitdaging' } = {},
): Promise<string> {
  const site = options.site ?? 'venray';
  const present = clock.at;
  const startMoment = lastStartBefore(present);
  clock.set(new Date(startMoment.getTime() - 20 * day + 9 * 3_600_000));
  const headers = await docentOf(t, site, new Date(startMoment.getTime() - 21 * day));
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url} ${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const { noodcontact, ...start } = data;
  const id = (
    await post('/api/cases', {
      workflow: 'student-traject',
      data: { aanmelder: 'uwv', instroomroute: 'gilde', ...start },
    })
  ).id as string;
  const act = (type: string, payload: Record<string, unknown>) =>
    post(`/api/cases/${id}/events`, { type, data: payload });
  await act('INTAKE_PLANNEN', { intakeDatum: date(clock.at) });
  await act('MATCH', { taalniveau: 'b1', coach: 'Ans', belemmeringen: ['financieel'] });
  await act('INGESCHREVEN', {
    inschrijfdatum: date(clock.at),
    niveau: '2',
    startmoment: startMoment.getUTCMonth() === 8 ? 'september' : 'februari',
    ...(noodcontact ? { noodcontact } : {}),
  });
  clock.set(new Date(startMoment.getTime() + 9 * 3_600_000));
  await t.app.scheduler.runDue();
  if (options.until === 'introductie') {
    clock.set(present);
    return id;
  }
  clock.set(new Date(addDuration(clock.at.getTime(), '71d')));
  await t.app.scheduler.runDue();
  await act('LEERROUTE_AFGESPROKEN', {
    duur: '18',
    leerroute: 'Samen met de klant',
    dagdelen,
    ...(options.need ? { behoefte: options.need } : {}),
  });
  clock.set(present);
  return id;
}
