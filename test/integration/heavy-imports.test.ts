import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scxmlLimits } from '../../engine';
import { testApp, type TestApp } from '../support/helpers';

/** The largest SCXML the limits let through: a ring of states, two elements each. */
const largest = () => {
  const n = Math.floor((scxmlLimits.elements - 1) / 2);
  const states = Array.from(
    { length: n },
    (_, i) => `<state id="s${i}"><transition event="NEXT" target="s${(i + 1) % n}"/></state>`,
  ).join('');
  return `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" initial="s0">${states}</scxml>`;
};

// Reading happens before the database is asked anything: one database shows it.
describe('heavy imports', () => {
  let t: TestApp;
  let manager: Record<string, string>;
  beforeAll(async () => {
    t = await testApp();
    manager = await t.user('projectleider', 'manager');
  });
  afterAll(() => t.close());

  it('leave the server answering others while four of the largest SCXML files are read', async () => {
    const doc = largest();
    const done: string[] = [];
    const imports = Array.from({ length: 4 }, (_, i) =>
      t
        .request({
          method: 'POST',
          url: '/api/workflows/student-traject/scxml?dryRun=true',
          headers: { ...manager, 'content-type': 'application/xml' },
          payload: doc,
        })
        .then((res) => {
          expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
          done.push(`import ${i}`);
        }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const list = await t.request({ method: 'GET', url: '/api/cases?limit=5', headers: manager });
    expect(list.statusCode).toBe(200);
    done.push('case list');
    await Promise.all(imports);
    // Read on the request thread, each import held every other request until it was read.
    expect(done[0]).toBe('case list');
  });
});
