import { describe, expect, it } from 'vitest';
import { availableEvents, caseTime } from '../engine';
import { shippedWorkflows } from '.';
import { clientAgreement, Walk } from './walk';

const def = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'coordinator-petra' };

/** One client's case, from the coördinator's side, starting on a Monday in October. */
class Client extends Walk {
  constructor(data: Record<string, unknown>) {
    super(def, data, coordinator, new Date('2026-10-05T10:00:00Z'));
  }
}

const mevrouw = {
  naam: 'Mevrouw Hermans',
  adres: 'Schoolstraat 12, Venray',
  hulpvraag: 'Samen boodschappen doen en een praatje',
  soortHulp: ['boodschappen', 'praatje'],
  frequentie: '2',
  aangemeldDoor: 'mantelzorger',
};

function visited() {
  return new Client(mevrouw).do('HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-08', coordinator: 'Petra' });
}

describe('client-hulpvraag', () => {
  it('walks from request to closing: agreement, matching, help with the client, service in return, periodic evaluation, a pause', () => {
    const c = visited();
    expect(c.position.state).toBe('huisbezoek');
    // The agreement needs a safe workplace, a request that is not too complex, and rights and duties explained.
    const unsafe = c.try('OVEREENKOMST', { ...clientAgreement, veiligeWerkplek: false });
    expect(unsafe).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    if (!unsafe.ok) expect(unsafe.message.nl).toContain('Veilige werkplek is ja');
    // The first evaluation is agreed in the agreement, with client and student.
    c.do('OVEREENKOMST', { ...clientAgreement, overeenkomstDatum: '2026-10-08', evaluatieDatum: '2026-12-28' });
    expect(c.position.state).toBe('matching');

    const gematcht = availableEvents(def, c.s, coordinator, c.now).find((e) => e.type === 'GEMATCHT')!;
    expect(gematcht.form.required).toEqual(['student', 'dagdelen', 'frequentie']);
    expect(gematcht.form.properties.student).toMatchObject({ type: 'string' });
    expect(gematcht.form.properties.dagdelen).toMatchObject({ type: 'array' });
    expect(JSON.stringify(gematcht.form.properties.dagdelen)).toContain('vr-middag');
    c.do('GEMATCHT', {
      student: 'b5a1c7e0-student-case',
      dagdelen: ['ma-ochtend', 'do-middag'],
      frequentie: '2',
      voorkeur: 'zelfde-gezicht',
    });
    expect(c.position.state).toBe('actief.loopt');

    c.wait(14).do('WEDERDIENST', { wederdienstGegeven: 'Oefent Nederlands met de student tijdens het koffiedrinken' });
    expect(c.position.state).toBe('actief.loopt');
    // On the day agreed, not before, the evaluation is due and shows on the worklist.
    c.wait(69);
    expect(c.position.state).toBe('actief.loopt');
    c.wait(1);
    expect(c.position.state).toBe('actief.evaluatie');
    expect(c.position.label.nl).toBe('Hulp loopt › Evaluatie is aan de beurt');
    c.do('EVALUEREN', { evaluatie: 'Tevreden; samen koken erbij', evaluatieDatum: '2027-04-01' });
    expect(c.position.state).toBe('actief.loopt');

    // Paused (a hospital stay) and resumed where it was.
    c.wait(30).do('PAUZEREN', { pauzeReden: 'Opname in het ziekenhuis' });
    expect(c.position.state).toBe('gepauzeerd');
    expect(c.timers.size).toBe(0);
    c.wait(21).do('HERVATTEN', { hervatDatum: '2027-02-15' });
    expect(c.position.state).toBe('actief.loopt');
    expect(c.timers.size).toBe(1);

    c.wait(40).do('AFSLUITEN', {
      afsluitReden: 'hulpvraag-afgerond',
      redenAfsluiting: 'Kan weer zelf boodschappen doen',
    });
    expect(c.position).toMatchObject({ state: 'afgesloten', outcome: 'afgesloten', done: true });
    expect(c.s.context.data).toMatchObject({
      student: 'b5a1c7e0-student-case',
      wederdienst: expect.stringContaining('Nederlands'),
      wederdienstGegeven: expect.stringContaining('koffiedrinken'),
      afsluitReden: 'hulpvraag-afgerond',
    });
  });

  it('resumes a paused evaluation as still due', () => {
    const c = visited().do('OVEREENKOMST', { ...clientAgreement, evaluatieDatum: '2026-12-28' });
    c.do('GEMATCHT', { student: 's-1', dagdelen: ['di-ochtend'], frequentie: '1' }).wait(84);
    expect(c.position.state).toBe('actief.evaluatie');
    c.do('PAUZEREN', { pauzeReden: 'Vakantie' }).do('HERVATTEN', { hervatDatum: '2027-01-10' });
    expect(c.position.state).toBe('actief.evaluatie');
  });

  it('evaluates again on each date agreed at the evaluation before, not after a fixed number of weeks', () => {
    const c = visited().do('OVEREENKOMST', { ...clientAgreement, evaluatieDatum: '2026-11-02' });
    c.do('GEMATCHT', { student: 's-1', dagdelen: ['di-ochtend'], frequentie: '1' }).wait(28);
    expect(c.position.state).toBe('actief.evaluatie');
    // A short first period, then a longer one: the next date is theirs to agree.
    c.do('EVALUEREN', { evaluatie: 'Went snel; vaker samen koken', evaluatieDatum: '2027-03-01' });
    c.wait(118);
    expect(c.position.state).toBe('actief.loopt');
    c.wait(2);
    expect(c.position.state).toBe('actief.evaluatie');
    c.do('EVALUEREN', { evaluatie: 'Gaat goed', evaluatieDatum: '2027-06-01' });
    expect(c.position.state).toBe('actief.loopt');
  });

  it('plans the home visit within a week of the request and makes it within two weeks (site settings)', () => {
    const c = new Client(mevrouw);
    expect(caseTime(def, c.s, c.now).deadlines).toMatchObject([
      {
        id: 'deadline:hulpvraag:HUISBEZOEK_PLANNEN',
        label: { nl: 'Huisbezoek plannen' },
        dueAt: '2026-10-12T10:00:00.000Z',
        functions: ['coordinator'],
      },
    ]);
    c.do('HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-08', coordinator: 'Petra' }).wait(15);
    expect(caseTime(def, c.s, c.now).deadlines).toMatchObject([
      {
        id: 'deadline:huisbezoek',
        dueAt: '2026-10-19T10:00:00.000Z',
        overdue: true,
        text: { nl: 'Huisbezoek afleggen en besluiten: uiterlijk 19 oktober 2026, 1 dag te laat' },
      },
    ]);
  });

  it('refers a request that is too complex to professional care', () => {
    const c = visited();
    c.do('DOORVERWIJZEN', { verwezenNaar: 'Wijkteam Venray', redenAfsluiting: 'Vraagt om professionele zorg' });
    expect(c.position).toMatchObject({ state: 'doorverwezen', outcome: 'doorverwezen', done: true });
  });

  it('keeps the home visit, the agreement and the matching to the coördinator (report 3.3)', () => {
    const docent = { role: 'staff' as const, function: 'docent' as const, username: 'docent-anja' };
    const asDocent = (c: Client) => Object.assign(new Walk(def, mevrouw, docent, c.now), { s: c.s });
    const refused = { ok: false, code: 'FUNCTION_NOT_ALLOWED' };
    expect(asDocent(new Client(mevrouw)).try('HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-08' })).toMatchObject(
      refused,
    );
    const c = visited();
    expect(asDocent(c).try('OVEREENKOMST', clientAgreement)).toMatchObject({
      ...refused,
      message: { nl: 'Alleen een coördinator of projectleider mag dit doen (je bent docent)' },
    });
    expect(asDocent(c).try('DOORVERWIJZEN', { redenAfsluiting: 'Te complex' })).toMatchObject(refused);
    c.do('OVEREENKOMST', clientAgreement);
    expect(asDocent(c).try('GEMATCHT', { student: 's-1', dagdelen: ['di-ochtend'], frequentie: '1' })).toMatchObject(
      refused,
    );
    const lead = Object.assign(new Walk(def, mevrouw, { role: 'manager', username: 'projectleider' }, c.now), {
      s: c.s,
    });
    lead.do('GEMATCHT', { student: 's-1', dagdelen: ['di-ochtend'], frequentie: '1' });
    expect(lead.position.state).toBe('actief.loopt');
  });

  it('matches another student when needed', () => {
    const c = visited().do('OVEREENKOMST', clientAgreement);
    c.do('GEMATCHT', { student: 's-1', dagdelen: ['di-ochtend'], frequentie: '1' });
    c.do('OPNIEUW_MATCHEN', { redenWissel: 'Student heeft diploma gehaald' });
    expect(c.position.state).toBe('matching');
    c.do('GEMATCHT', { student: 's-2', dagdelen: ['wo-ochtend'], frequentie: '1', voorkeur: 'afwisseling' });
    expect(c.s.context.data.student).toBe('s-2');
  });

  it.each(['hulpvraag', 'huisbezoek', 'matching', 'actief', 'gepauzeerd'])(
    'the client may stop at any time (%s)',
    (where) => {
      let c = new Client(mevrouw);
      const route: [string, Record<string, unknown>][] = [
        ['HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-10-08' }],
        ['OVEREENKOMST', clientAgreement],
        ['GEMATCHT', { student: 's-1', dagdelen: ['ma-middag'], frequentie: '1' }],
        ['PAUZEREN', { pauzeReden: 'Even niet' }],
      ];
      for (const [type, data] of route) {
        if (c.position.state.split('.')[0] === where) break;
        c = c.do(type, data);
      }
      expect(c.position.state.split('.')[0]).toBe(where);
      c.do('STOPPEN', { redenAfsluiting: 'Wil geen hulp meer' });
      expect(c.position).toMatchObject({ state: 'gestopt', outcome: 'gestopt', done: true });
    },
  );
});
