import { readPackage, type Definition } from '../../engine';
import { shippedVariants, shippedWorkflows } from '../../workflows';

/**
 * A small workflow with what the engine's timers and checklists need: ten weeks of introduction
 * that end in "set duration and learning route", a sign-off list, and a way out from every step.
 */
export const introWorkflow: Definition = {
  key: 'test-intro',
  subject: 'student',
  title: { nl: 'Introductie (test)', en: 'Introduction (test)' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam', en: 'Name' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-intro',
    initial: 'introductie',
    on: { STOPPEN: { target: '.gestopt', meta: { label: { nl: 'Stoppen', en: 'Stop' } } } },
    states: {
      introductie: {
        initial: 'lopend',
        meta: { label: { nl: 'Introductie', en: 'Introduction' } },
        states: {
          lopend: {
            meta: {
              label: { nl: 'Loopt', en: 'Running' },
              checklist: [
                { id: 'portfolio-gestart', label: { nl: 'Portfolio gestart', en: 'Portfolio started' } },
                { id: 'rooster', label: { nl: 'Rooster besproken', en: 'Timetable discussed' }, roles: ['manager'] },
              ],
            },
            after: {
              '10w': { target: 'besluit', meta: { label: { nl: 'Tien weken voorbij', en: 'Ten weeks passed' } } },
            },
          },
          besluit: { meta: { label: { nl: 'Duur en leerroute vaststellen', en: 'Set duration and learning route' } } },
        },
        on: {
          VASTGESTELD: {
            target: 'leerroute',
            guard: { type: 'rule', params: { checklist: 'introductie' } },
            meta: { label: { nl: 'Duur en leerroute vastgesteld', en: 'Duration and route set' } },
          },
        },
      },
      leerroute: {
        meta: { label: { nl: 'Leerroute', en: 'Learning route' } },
        on: { KLAAR: { target: 'klaar', meta: { label: { nl: 'Klaar', en: 'Done' } } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar', en: 'Done' }, outcome: 'klaar' } },
      gestopt: { type: 'final', meta: { label: { nl: 'Gestopt', en: 'Stopped' }, outcome: 'gestopt' } },
    },
  },
};

/** A dossier that only collects notes: an event that stays in its step, to fire many times at once. */
export const notesWorkflow: Definition = {
  key: 'test-notes',
  subject: 'client',
  title: { nl: 'Notities (test)' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } }, notitie: { type: 'text', label: { nl: 'Notitie' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-notes',
    initial: 'open',
    states: {
      open: {
        meta: { label: { nl: 'Open' } },
        on: {
          NOTITIE: { meta: { label: { nl: 'Notitie maken' }, form: [{ field: 'notitie', required: true }] } },
          SLUITEN: { target: 'dicht', meta: { label: { nl: 'Sluiten' } } },
        },
      },
      dicht: { type: 'final', meta: { label: { nl: 'Dicht' }, outcome: 'dicht' } },
    },
  },
};

/** A step only a manager may leave: for role checks through HTTP and on the worklist. */
export const gatedWorkflow: Definition = {
  key: 'test-gated',
  subject: 'client',
  title: { nl: 'Test' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-gated',
    initial: 'open',
    states: {
      open: {
        meta: { label: { nl: 'Open' } },
        on: { SLUITEN: { target: 'dicht', meta: { label: { nl: 'Sluiten' }, roles: ['manager'] } } },
      },
      dicht: { type: 'final', meta: { label: { nl: 'Dicht' }, outcome: 'gesloten' } },
    },
  },
};

/**
 * Definitions with every action and sign-off item open to any function: for tests of something
 * else (screening) that a docent should be able to try where the shipped workflows keep the work
 * to the coördinator.
 */
export function withoutRestrictions(defs: Definition[]): Definition[] {
  return JSON.parse(JSON.stringify(defs, (k, v: unknown) => (k === 'restrictedTo' ? undefined : v)));
}

/** Every workflow the product ships, its variants and the small test workflow: what round trips must keep. */
export function everyWorkflow(): Definition[] {
  return [
    ...shippedWorkflows(),
    introWorkflow,
    ...shippedVariants().map((v) => {
      const r = readPackage(v.text);
      if (!r.ok) throw new Error(v.file);
      return r.package.definition;
    }),
  ];
}

/**
 * Time as a workflow has it: ten weeks that count open days and keep their remaining time
 * through a pause, a decision due within two weeks, and four weeks that only move the case once
 * its sign-off list is complete.
 */
export const timeWorkflow: Definition = {
  key: 'test-time',
  subject: 'student',
  title: { nl: 'Tijd (test)', en: 'Time (test)' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam', en: 'Name' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-time',
    initial: 'lopend',
    states: {
      lopend: {
        meta: { label: { nl: 'Loopt', en: 'Running' } },
        after: {
          '10w': {
            target: 'besluit',
            meta: {
              label: { nl: 'Tien weken voorbij', en: 'Ten weeks passed' },
              resume: 'remaining',
              openDays: true,
            },
          },
        },
        on: { PAUZEREN: { target: 'pauze', meta: { label: { nl: 'Pauzeren', en: 'Pause' } } } },
      },
      pauze: {
        meta: { label: { nl: 'Gepauzeerd', en: 'Paused' } },
        on: { HERVATTEN: { target: 'lopend', meta: { label: { nl: 'Hervatten', en: 'Resume' } } } },
      },
      besluit: {
        meta: {
          label: { nl: 'Besluit', en: 'Decision' },
          due: { within: '2w', functions: ['docent'] },
          checklist: [{ id: 'besproken', label: { nl: 'Besproken', en: 'Discussed' } }],
        },
        after: {
          '4w': {
            target: 'klaar',
            guard: { type: 'rule', params: { checklist: 'besluit' } },
            meta: { label: { nl: 'Vier weken voorbij', en: 'Four weeks passed' } },
          },
        },
        on: {
          BESLOTEN: { target: 'klaar', meta: { label: { nl: 'Besloten', en: 'Decided' }, functions: ['docent'] } },
        },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar', en: 'Done' }, outcome: 'klaar' } },
    },
  },
};
