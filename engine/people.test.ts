import { describe, expect, it } from 'vitest';
import { applyEvent, availableEvents, signChecklistItem, startCase } from './cases';
import type { Definition } from './definition';
import { diffDefinitions } from './diff';
import { oneOf, refusalFor, rolesFrom, whoseWork } from './people';
import { validateDefinition } from './validate';

const t0 = new Date('2026-09-01T09:00:00Z');

/** A client request in small: the home visit is the coördinator's alone, the closing anyone's. */
const def: Definition = {
  key: 'test-people',
  subject: 'client',
  title: { nl: 'Hulpvraag (test)' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-people',
    initial: 'open',
    on: { STOPPEN: { target: '.gestopt', meta: { label: { nl: 'Klant stopt' }, roles: ['staff'] } } },
    states: {
      open: {
        meta: {
          label: { nl: 'Open' },
          checklist: [
            { id: 'veilig', label: { nl: 'Woning veilig' }, restrictedTo: ['coordinator'] },
            { id: 'uitleg', label: { nl: 'Rechten en plichten uitgelegd' } },
          ],
        },
        on: {
          HUISBEZOEK: {
            target: 'bezocht',
            meta: { label: { nl: 'Huisbezoek gedaan' }, roles: ['staff'], restrictedTo: ['coordinator'] },
          },
          NOTEREN: { meta: { label: { nl: 'Noteren' }, functions: ['docent'] } },
        },
      },
      bezocht: {
        meta: { label: { nl: 'Bezocht' } },
        on: { KLAAR: { target: 'klaar', meta: { label: { nl: 'Klaar' }, roles: ['manager'] } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
      gestopt: { type: 'final', meta: { label: { nl: 'Gestopt' }, outcome: 'gestopt' } },
    },
  },
};

const start = () => {
  const r = startCase(def, { naam: 'Riet' }, t0);
  if (!r.ok) throw new Error(r.message.en);
  return r.snapshot;
};
const docent = { role: 'staff' as const, function: 'docent' as const, username: 'ans' };
const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'bram' };
const noFunction = { role: 'staff' as const, username: 'cor' };
const manager = { role: 'manager' as const, username: 'pl' };

describe('functions that authorise', () => {
  it('lets only the named function (or a role above staff) take a restricted action, naming it in Dutch', () => {
    const s = start();
    const refused = applyEvent(def, s, { type: 'HUISBEZOEK' }, docent, t0);
    expect(refused).toMatchObject({
      ok: false,
      code: 'FUNCTION_NOT_ALLOWED',
      message: {
        nl: 'Alleen een coördinator of projectleider mag dit doen (je bent docent)',
        en: 'Only a coordinator or project lead may do this (you are a teacher)',
      },
    });
    expect(applyEvent(def, s, { type: 'HUISBEZOEK' }, noFunction, t0)).toMatchObject({
      code: 'FUNCTION_NOT_ALLOWED',
      message: { nl: expect.stringContaining('je account heeft geen functie') },
    });
    expect(applyEvent(def, s, { type: 'HUISBEZOEK' }, coordinator, t0)).toMatchObject({ ok: true, to: 'bezocht' });
    expect(applyEvent(def, s, { type: 'HUISBEZOEK' }, manager, t0)).toMatchObject({ ok: true });
    expect(applyEvent(def, s, { type: 'HUISBEZOEK' }, { role: 'admin' }, t0)).toMatchObject({ ok: true });
    // Routing alone permits and forbids nothing: the docent's note may be made by anyone.
    expect(applyEvent(def, s, { type: 'NOTEREN' }, coordinator, t0)).toMatchObject({ ok: true });
  });

  it('names roles in Dutch when a role may not', () => {
    const r = applyEvent(def, start(), { type: 'HUISBEZOEK' }, coordinator, t0);
    if (!r.ok) throw new Error(r.message.en);
    expect(applyEvent(def, r.snapshot, { type: 'KLAAR' }, coordinator, t0)).toMatchObject({
      code: 'ROLE_NOT_ALLOWED',
      message: {
        nl: 'Alleen een projectleider of beheerder mag dit doen',
        en: 'Only a project lead or administrator may do this',
      },
    });
  });

  it('signs a restricted item only by its function; staff without a function sign nothing', () => {
    const s = start();
    expect(signChecklistItem(def, s, { item: 'veilig', signed: true }, docent, t0)).toMatchObject({
      code: 'FUNCTION_NOT_ALLOWED',
      message: { nl: 'Alleen een coördinator of projectleider mag dit aftekenen (je bent docent)' },
    });
    expect(signChecklistItem(def, s, { item: 'veilig', signed: true }, coordinator, t0)).toMatchObject({ ok: true });
    expect(signChecklistItem(def, s, { item: 'uitleg', signed: true }, docent, t0)).toMatchObject({ ok: true });
    expect(signChecklistItem(def, s, { item: 'uitleg', signed: true }, noFunction, t0)).toMatchObject({
      code: 'FUNCTION_NOT_ALLOWED',
      message: { nl: 'Aftekenen doet een docent, coördinator of projectleider (je account heeft geen functie)' },
    });
    expect(signChecklistItem(def, s, { item: 'uitleg', signed: true }, manager, t0)).toMatchObject({ ok: true });
  });

  it('offers a refused action as not this person’s, says why, and marks what ends the case', () => {
    const events = availableEvents(def, start(), docent, t0);
    expect(events.find((e) => e.type === 'HUISBEZOEK')).toMatchObject({
      allowed: false,
      blocked: 'function',
      reason: { nl: 'Alleen een coördinator of projectleider mag dit doen (je bent docent)' },
      functions: ['coordinator'],
      ends: false,
    });
    expect(events.find((e) => e.type === 'NOTEREN')).toMatchObject({ allowed: true, functions: ['docent'] });
    expect(events.find((e) => e.type === 'STOPPEN')).toMatchObject({ allowed: true, ends: true });
    expect(events.find((e) => e.type === 'NOTEREN')!.blocked).toBeUndefined();
  });

  it('routes work to the functions that alone may do it when no other routing is named', () => {
    expect(whoseWork({ restrictedTo: ['coordinator'] })).toEqual(['coordinator']);
    expect(whoseWork({ id: 'x', label: { nl: 'x' }, functions: ['docent'], restrictedTo: ['docent'] })).toEqual([
      'docent',
    ]);
    expect(whoseWork(undefined)).toEqual([]);
    expect(refusalFor(undefined, { role: 'staff' }, 'do')).toBeUndefined();
  });

  it('says lists of names the Dutch way', () => {
    expect(oneOf([{ nl: 'a', en: 'a' }])).toEqual({ nl: 'a', en: 'a' });
    expect(
      oneOf([
        { nl: 'a', en: 'a' },
        { nl: 'b', en: 'b' },
        { nl: 'c', en: 'c' },
      ]),
    ).toEqual({
      nl: 'a, b of c',
      en: 'a, b or c',
    });
    expect(rolesFrom(['manager'])).toEqual(['manager', 'admin']);
  });
});

describe('validating and comparing who may', () => {
  const edited = () => structuredClone(def);

  it('accepts the fixture, warns of a restriction the role makes void and of work routed to who may not', () => {
    expect(validateDefinition(def)).toEqual([]);
    const d = edited();
    d.machine.states.bezocht.on!.KLAAR = {
      target: 'klaar',
      meta: { label: { nl: 'Klaar' }, roles: ['manager'], restrictedTo: ['docent'] },
    };
    d.machine.states.open.on!.HUISBEZOEK = {
      target: 'bezocht',
      meta: { label: { nl: 'Huisbezoek' }, functions: ['docent'], restrictedTo: ['coordinator'] },
    };
    expect(validateDefinition(d).map((p) => [p.path, p.severity, p.message.nl])).toEqual([
      [
        'machine.states.open.on.HUISBEZOEK.meta.functions',
        'warning',
        'Werk voor een docent, maar alleen een coördinator mag het doen',
      ],
      [
        'machine.states.bezocht.on.KLAAR.meta.restrictedTo',
        'warning',
        'Alleen een docent mag het, maar de rol laat alleen een projectleider of beheerder toe',
      ],
    ]);
  });

  it('refuses a restriction on a timer and an unknown function', () => {
    const d = edited();
    d.machine.states.bezocht.after = {
      '2w': { target: 'klaar', meta: { label: { nl: 'Twee weken' }, restrictedTo: ['docent'] } },
    };
    expect(validateDefinition(d).map((p) => p.path)).toContain('machine.states.bezocht.after.2w.meta.restrictedTo');
    const bad = edited() as unknown as { machine: { states: { open: { on: { HUISBEZOEK: { meta: object } } } } } };
    bad.machine.states.open.on.HUISBEZOEK.meta = { restrictedTo: ['conciërge'] };
    // Transitions are a union (one or several options): the structure check names the transition.
    expect(validateDefinition(bad).map((p) => p.path)).toEqual(['machine.states.open.on.HUISBEZOEK']);
  });

  it('says in words who may now, by the names people use', () => {
    const d = edited();
    d.machine.states.open.on!.HUISBEZOEK = {
      target: 'bezocht',
      meta: { label: { nl: 'Huisbezoek gedaan' }, roles: ['manager'], restrictedTo: ['docent', 'coordinator'] },
    };
    const text = diffDefinitions(def, d).map((c) => c.text.nl);
    expect(text).toEqual([
      "Actie 'Huisbezoek gedaan' in stap 'Open': wie: projectleider (was medewerker); alleen door: docent, coördinator (was coördinator)",
    ]);
  });
});
