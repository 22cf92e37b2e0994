import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import {
  applyEvent,
  availableEvents,
  fireTimer,
  openChecklist,
  position,
  signChecklistItem,
  startCase,
  type PersistedSnapshot,
} from './cases';
import { checklistItems } from './tree';
import type { Definition } from './definition';
import { compile } from './compile';
import { sampleValue } from './forms';
import { createActor } from 'xstate';

const defs = shippedWorkflows();
const student = defs.find((d) => d.key === 'student-traject')!;
const t0 = new Date('2026-09-01T09:00:00Z');
const staff = { role: 'staff' as const, function: 'coordinator' as const };
/** The portfolio and the diploma are the docent's (report 3.3). */
const docent = { role: 'staff' as const, function: 'docent' as const };

function started(def: Definition, data: Record<string, unknown>) {
  const r = startCase(def, data, t0);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.snapshot;
}

function step(def: Definition, s: PersistedSnapshot, type: string, data?: Record<string, unknown>) {
  const r = applyEvent(def, s, { type, data }, staff, t0);
  if (!r.ok) throw new Error(`${type}: ${r.message.en}`);
  return r.snapshot;
}

describe('startCase', () => {
  it('starts in the initial step with the start form stored', () => {
    const s = started(student, { naam: 'Sanne', aanmelder: 'uwv', instroomroute: 'ww' });
    expect(position(student, s)).toMatchObject({ state: 'aanmelding', done: false, label: { nl: 'Aanmelding' } });
    expect(s.context.data).toEqual({ naam: 'Sanne', aanmelder: 'uwv', instroomroute: 'ww' });
    expect(s.context.enteredAt).toBe(t0.toISOString());
  });

  it('refuses a start form without its required fields, naming each', () => {
    const r = startCase(student, { aanmelder: 'nobody' }, t0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('INVALID_FORM');
    expect(r.details?.map((d) => d.path).sort()).toEqual(['data.aanmelder', 'data.instroomroute', 'data.naam']);
  });
});

describe('applyEvent', () => {
  const base = () => started(student, { naam: 'Sanne', aanmelder: 'uwv', instroomroute: 'ww' });

  it('moves to the next step and records the form values', () => {
    const s = step(student, base(), 'INTAKE_PLANNEN', { intakeDatum: '2026-09-03' });
    expect(position(student, s).state).toBe('intake');
    expect(s.context.data.intakeDatum).toBe('2026-09-03');
  });

  it('names an event the current step does not offer', () => {
    const r = applyEvent(student, base(), { type: 'DIPLOMA' }, staff, t0);
    expect(r).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
  });

  it('blocks a rule and says which part failed, with the current value', () => {
    const s = step(student, base(), 'INTAKE_PLANNEN', { intakeDatum: '2026-09-03' });
    const r = applyEvent(student, s, { type: 'MATCH', data: { taalniveau: 'onder-b1', coach: 'Ans' } }, staff, t0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('EVENT_NOT_ALLOWED');
    expect(r.message.nl).toContain("Taalniveau Nederlands is 'B1 of hoger' of 'Op weg naar B1'");
    expect(r.message.nl).toContain("nu: 'Nog niet op weg naar B1'");
  });

  it('refuses an invalid form, field by field, and leaves the snapshot as it was', () => {
    const s = base();
    const before = JSON.stringify(s);
    const r = applyEvent(student, s, { type: 'INTAKE_PLANNEN', data: { intakeDatum: 'morgen', extra: 1 } }, staff, t0);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_FORM' });
    if (r.ok) return;
    expect(r.details?.map((d) => d.path).sort()).toEqual(['data.extra', 'data.intakeDatum']);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('keeps the diploma closed until the portfolio is signed, and says so in availableEvents', () => {
    // A Gilde student (WW students finish at an employer instead of a care placement).
    let s = started(student, { naam: 'Sanne', aanmelder: 'gilde', instroomroute: 'gilde' });
    s = step(student, s, 'INTAKE_PLANNEN', { intakeDatum: '2026-09-03' });
    s = step(student, s, 'MATCH', { taalniveau: 'b1', coach: 'Ans' });
    const enrolled = applyEvent(
      student,
      s,
      { type: 'INGESCHREVEN', data: { inschrijfdatum: '2026-09-05', niveau: '2', startmoment: 'september' } },
      staff,
      t0,
    );
    if (!enrolled.ok) throw new Error(enrolled.message.en);
    // The start moment begins the introduction; duration and learning route are agreed after
    // the ten-week timer has put the step on the worklist.
    const begun = fireTimer(student, enrolled.snapshot, enrolled.timers.schedule[0].event, t0);
    if (!begun.ok) throw new Error(begun.message.en);
    const fired = fireTimer(student, begun.snapshot, begun.timers.schedule[0].event, t0);
    if (!fired.ok) throw new Error(fired.message.en);
    s = step(student, fired.snapshot, 'LEERROUTE_AFGESPROKEN', {
      duur: '18',
      leerroute: 'Zorg, drie dagdelen wijk',
      dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
      coach: 'Ans',
      coordinator: 'Mieke',
    });
    // This test's clock stands still: a placement begun three months before it has run long enough.
    s = step(student, s, 'ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: '2026-06-01' });
    const diploma = availableEvents(student, s, docent, t0).find((e) => e.type === 'DIPLOMA')!;
    expect(diploma.allowed).toBe(false);
    expect(diploma.reason?.nl).toContain('Nog niet afgetekend');
    expect(diploma.reason?.nl).toContain('Examens bij Gilde behaald');
    expect(applyEvent(student, s, { type: 'DIPLOMA', data: { diplomaDatum: '2027-06-30' } }, docent, t0)).toMatchObject(
      {
        ok: false,
        code: 'EVENT_NOT_ALLOWED',
      },
    );
    for (const item of openChecklist(student, s).concat(
      checklistItems(student, 'introductie'),
      checklistItems(student, 'welzijnsstage'),
    )) {
      const signed = signChecklistItem(
        student,
        s,
        { item: item.id, signed: true },
        { ...docent, username: 'docent' },
        t0,
      );
      if (!signed.ok) throw new Error(signed.message.en);
      s = signed.snapshot;
    }
    expect(position(student, s).state).toBe('opleiding.leerbedrijf.school.zorgstage.startgesprek');
    expect(availableEvents(student, s, docent, t0).find((e) => e.type === 'DIPLOMA')!.allowed).toBe(true);
    expect(availableEvents(student, s, staff, t0).find((e) => e.type === 'DIPLOMA')).toMatchObject({
      allowed: false,
      blocked: 'function',
    });
    const awarded = applyEvent(student, s, { type: 'DIPLOMA', data: { diplomaDatum: '2027-06-30' } }, docent, t0);
    if (!awarded.ok) throw new Error(awarded.message.en);
    s = awarded.snapshot;
    s = step(student, s, 'UITSTROOM_VASTLEGGEN', { uitstroom: 'werk', werkStart: '2026-09-01' });
    // Left with the diploma, followed up for a year; the follow-up may end early.
    expect(position(student, s)).toMatchObject({ state: 'nazorg.wacht-zes', done: false });
    s = step(student, s, 'UITSCHRIJVEN', { nazorgToelichting: 'Wil geen contact meer' });
    expect(position(student, s)).toMatchObject({ state: 'uitgestroomd', outcome: 'diploma', done: true });
    expect(availableEvents(student, s, staff, t0)).toEqual([]);
    expect(applyEvent(student, s, { type: 'UITSCHRIJVEN' }, staff, t0)).toMatchObject({
      ok: false,
      code: 'CASE_CLOSED',
    });
  });

  it('offers leaving without diploma from every active step (root transition)', () => {
    let s = step(student, base(), 'INTAKE_PLANNEN', { intakeDatum: '2026-09-03' });
    s = step(student, s, 'MATCH', { taalniveau: 'b1', coach: 'Ans' });
    s = step(student, s, 'INGESCHREVEN', { inschrijfdatum: '2026-09-05', niveau: '2', startmoment: 'september' });
    s = step(student, s, 'UITSCHRIJVEN', { redenVertrek: 'Verhuisd' });
    expect(position(student, s)).toMatchObject({ state: 'zonder-diploma', outcome: 'zonder-diploma' });
  });

  it('shows a rule on the form itself as open until the form is sent', () => {
    const s = step(student, base(), 'INTAKE_PLANNEN', { intakeDatum: '2026-09-03' });
    const match = availableEvents(student, s, staff, t0).find((e) => e.type === 'MATCH')!;
    expect(match.allowed).toBe(true);
    expect(match.form.required).toEqual(['taalniveau']);
    expect(match.form.properties.taalniveau).toMatchObject({
      type: 'string',
      enum: ['b1', 'op-weg-naar-b1', 'onder-b1'],
    });
  });
});

describe('persisted snapshots of every shipped workflow', () => {
  it.each(defs.map((d) => [d.key, d] as const))('%s round-trips through JSON and restores', (_key, def) => {
    const s = startCase(def, Object.fromEntries(def.startForm.map((f) => [f.field, sample(def, f.field)])), t0);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const json = JSON.parse(JSON.stringify(s.snapshot));
    const restored = createActor(compile(def), { snapshot: json }).getSnapshot();
    expect(compile(def).getPersistedSnapshot(restored)).toEqual(s.snapshot);
    // And the restored case still moves: every event that is open now applies.
    for (const e of availableEvents(def, json, { role: 'manager' }, t0).filter((x) => x.allowed)) {
      const data = Object.fromEntries(e.form.required.map((f) => [f, sample(def, f)]));
      const r = applyEvent(def, json, { type: e.type, data }, { role: 'manager' }, t0);
      expect(r.ok, `${def.key} ${e.type}`).toBe(true);
    }
  });
});

const sample = (def: Definition, name: string) => sampleValue(def.fields[name]);
