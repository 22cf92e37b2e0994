import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { clientAgreement } from '../workflows/walk';
import { applyEvent, availableEvents, startCase } from './cases';
import { hiddenFields, seesPersonal } from './audience';
import type { Definition } from './definition';

const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const shipped = client;
const t0 = new Date('2026-09-01T09:00:00Z');
const docent = { role: 'staff' as const, function: 'docent' as const };
const coordinator = { role: 'staff' as const, function: 'coordinator' as const };
const nobody = { role: 'staff' as const };

function clientAt(...steps: [string, Record<string, unknown>][]) {
  const r = startCase(client, { naam: 'Riet', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' }, t0, coordinator);
  if (!r.ok) throw new Error(r.message.en);
  let s = r.snapshot;
  for (const [type, data] of steps) {
    const next = applyEvent(client, s, { type, data }, coordinator, t0);
    if (!next.ok) throw new Error(next.message.en);
    s = next.snapshot;
  }
  return s;
}

describe('who sees personal fields', () => {
  it('follows the definition: the docent sees a student, not a client; the projectleider both; staff without a function neither', () => {
    expect(seesPersonal(student, docent)).toBe(true);
    expect(seesPersonal(client, docent)).toBe(false);
    expect(seesPersonal(client, coordinator)).toBe(true);
    for (const def of [student, client]) {
      expect(seesPersonal(def, { role: 'manager' })).toBe(true);
      expect(seesPersonal(def, { role: 'admin' })).toBe(true);
      expect(seesPersonal(def, nobody)).toBe(false);
    }
    expect([...hiddenFields(client, docent)].sort()).toEqual([
      'adres',
      'evaluatie',
      'hulpvraag',
      'naam',
      'pauzeReden',
      'redenAfsluiting',
      'telefoon',
      'verwezenNaar',
      'zorgMelding',
    ]);
    expect(hiddenFields(client, coordinator).size).toBe(0);
  });

  it('defaults to the coördinator and the projectleider when a definition says nothing, and grants no role from an empty list', () => {
    const plain: Definition = { ...client, privacy: undefined };
    expect(seesPersonal(plain, coordinator)).toBe(true);
    expect(seesPersonal(plain, docent)).toBe(false);
    expect(seesPersonal(plain, { role: 'manager' })).toBe(true);
    const none: Definition = { ...client, privacy: { functions: ['coordinator'], roles: [] } };
    expect(seesPersonal(none, { role: 'admin' })).toBe(false);
  });

  it('refuses a form asking for fields the person may not see, naming them, and says so before the form is opened', () => {
    const s = clientAt(['HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-09-08' }]);
    // The home visit's outcome is the coördinator's alone: a function is checked before the data.
    expect(
      applyEvent(shipped, s, { type: 'DOORVERWIJZEN', data: { verwezenNaar: 'Wijkteam' } }, docent, t0),
    ).toMatchObject({ ok: false, code: 'FUNCTION_NOT_ALLOWED' });
    // Screening on its own: the same request where anyone may take these actions.
    const client: Definition = JSON.parse(
      JSON.stringify(shipped, (k, v: unknown) => (k === 'restrictedTo' ? undefined : v)),
    );
    const refer = availableEvents(client, s, docent, t0).find((e) => e.type === 'DOORVERWIJZEN')!;
    expect(refer).toMatchObject({
      allowed: false,
      reason: { nl: expect.stringContaining('afgeschermde persoonsgegevens (Doorverwezen naar)') },
    });
    // The agreement asks nothing personal: the docent may record it.
    expect(availableEvents(client, s, docent, t0).find((e) => e.type === 'OVEREENKOMST')).toMatchObject({
      allowed: true,
    });

    const r = applyEvent(client, s, { type: 'DOORVERWIJZEN', data: { verwezenNaar: 'Wijkteam' } }, docent, t0);
    expect(r).toMatchObject({ ok: false, code: 'PERSONAL_DATA_HIDDEN', details: [{ path: 'data.verwezenNaar' }] });
    expect(startCase(client, { naam: 'Riet' }, t0, docent)).toMatchObject({ ok: false, code: 'PERSONAL_DATA_HIDDEN' });
  });

  it('leaves an optional screened field out of the form, and refuses it when sent anyway', () => {
    const s = clientAt(
      ['HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-09-08' }],
      ['OVEREENKOMST', clientAgreement],
      ['GEMATCHT', { student: 'sanne', dagdelen: ['ma-ochtend'], frequentie: '1' }],
    );
    const close = (who: typeof docent | typeof coordinator) =>
      availableEvents(client, s, who, t0).find((e) => e.type === 'AFSLUITEN')!;
    expect(Object.keys(close(coordinator).form.properties)).toEqual(['afsluitReden', 'redenAfsluiting']);
    expect(close(docent)).toMatchObject({ allowed: true, form: { properties: { afsluitReden: {} } } });
    expect(Object.keys(close(docent).form.properties)).toEqual(['afsluitReden']);
    const sent = applyEvent(
      client,
      s,
      { type: 'AFSLUITEN', data: { afsluitReden: 'hulpvraag-afgerond', redenAfsluiting: 'Verhuisd' } },
      docent,
      t0,
    );
    expect(sent).toMatchObject({
      ok: false,
      code: 'PERSONAL_DATA_HIDDEN',
      details: [{ path: 'data.redenAfsluiting' }],
    });
    expect(
      applyEvent(client, s, { type: 'AFSLUITEN', data: { afsluitReden: 'hulpvraag-afgerond' } }, docent, t0),
    ).toMatchObject({ ok: true });
  });

  it('does not show the value of a screened field in the reason a rule blocks', () => {
    const r = startCase(student, { naam: 'Mo', aanmelder: 'uwv', instroomroute: 'bijstand' }, t0, coordinator);
    if (!r.ok) throw new Error(r.message.en);
    let s = r.snapshot;
    for (const [type, data] of [
      ['INTAKE_PLANNEN', { intakeDatum: '2026-09-02' }],
      ['MATCH', { taalniveau: 'b1', coach: 'Ans' }],
    ] as const) {
      const next = applyEvent(student, s, { type, data }, coordinator, t0);
      if (!next.ok) throw new Error(next.message.en);
      s = next.snapshot;
    }
    const plain: Definition = { ...student, privacy: { functions: ['coordinator'] } };
    // A rule reading a screened field, on an action whose own form asks nothing personal.
    const guarded: Definition = structuredClone(plain);
    guarded.machine.states.inschrijving.on!.INGESCHREVEN = {
      target: 'opleiding',
      guard: { type: 'rule', params: { field: 'instroomroute', op: 'in', value: ['gilde', 'ww'] } },
      meta: { label: { nl: 'Ingeschreven' }, form: [{ field: 'inschrijfdatum', required: true }] },
    };
    const why = (who: typeof docent | typeof coordinator) =>
      availableEvents(guarded, s, who, t0).find((e) => e.type === 'INGESCHREVEN')!;
    expect(why(coordinator)).toMatchObject({ allowed: false, reason: { nl: expect.stringContaining('Bijstand') } });
    expect(why(docent)).toMatchObject({
      allowed: false,
      reason: { nl: 'Een regel over afgeschermde gegevens houdt dit nu tegen' },
    });
    expect(JSON.stringify(why(docent))).not.toContain('Bijstand');
    const refused = applyEvent(
      guarded,
      s,
      { type: 'INGESCHREVEN', data: { inschrijfdatum: '2026-09-03' } },
      docent,
      t0,
    );
    expect(refused).toMatchObject({ ok: false, code: 'EVENT_NOT_ALLOWED' });
    expect(JSON.stringify(refused)).not.toContain('Bijstand');
  });
});
