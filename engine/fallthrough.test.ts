import { describe, expect, it } from 'vitest';
import { applyEvent, availableEvents, position, startCase } from './cases';
import type { Definition } from './definition';
import { validateDefinition } from './validate';

// "Leave" is possible everywhere (root); in `diploma` it is overridden by a guarded option.
const def: Definition = {
  key: 'f',
  subject: 'student',
  title: { nl: 'F' },
  titleField: 'naam',
  fields: {
    naam: { type: 'string', label: { nl: 'Naam' } },
    uitstroom: { type: 'enum', label: { nl: 'Uitstroom' }, options: [{ value: 'werk', label: { nl: 'Werk' } }] },
  },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'f',
    initial: 'diploma',
    on: { VERTREK: { target: '.zonder', meta: { label: { nl: 'Vertrek' } } } },
    states: {
      diploma: {
        meta: { label: { nl: 'Diploma' } },
        on: {
          VERTREK: {
            target: 'met',
            guard: { type: 'rule', params: { field: 'uitstroom', op: 'exists' } },
            meta: { label: { nl: 'Vertrek' } },
          },
        },
      },
      met: { type: 'final', meta: { label: { nl: 'Met diploma' }, outcome: 'diploma' } },
      zonder: { type: 'final', meta: { label: { nl: 'Zonder' }, outcome: 'zonder-diploma' } },
    },
  },
};

describe('guarded options fall through to an outer step, as in XState', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const s = () => {
    const r = startCase(def, { naam: 'x' }, t0);
    if (!r.ok) throw new Error();
    return r.snapshot;
  };
  it('validates', () => expect(validateDefinition(def)).toEqual([]));
  it('offers the action and takes the outer transition when the inner rule fails', () => {
    expect(availableEvents(def, s(), { role: 'staff' }, t0)[0]).toMatchObject({ type: 'VERTREK', allowed: true });
    const r = applyEvent(def, s(), { type: 'VERTREK' }, { role: 'staff' }, t0);
    expect(r.ok && position(def, r.snapshot).outcome).toBe('zonder-diploma');
  });
});
