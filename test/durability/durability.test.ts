import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, startServer } from '../support/server-process';
import { clientAgreement } from '../../workflows/walk';

const dir = mkdtempSync(join(tmpdir(), 'wlb-kill-'));
const db = join(dir, 'wlb.sqlite');
const password = 'durability-admin-123';
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The real server on the given file and port. */
async function start(port: number): Promise<ChildProcess> {
  return (await startServer({ DATABASE_URL: db, WLB_ADMIN_PASSWORD: password }, port)).child;
}

it('keeps every acknowledged event after kill -9 and a restart on the same file', async () => {
  const port = await freePort();
  child = await start(port);
  const url = `http://127.0.0.1:${port}/api`;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const { token } = await (await post('/auth/login', { username: 'admin', password })).json();

  // A real clock cannot wait for a start moment and ten weeks of introduction: the site publishes
  // a student trajectory without planning, in which every running student may be matched.
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const { definition } = await (await fetch(`${url}/workflows/student-traject`, { headers: auth })).json();
  delete definition.planning;
  const saved = await fetch(`${url}/workflows/student-traject/draft`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ definition }),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  const published = await post('/workflows/student-traject/publish', {}, token);
  expect(published.status, await published.clone().text()).toBeLessThan(300);
  const student = await (
    await post(
      '/cases',
      { workflow: 'student-traject', data: { naam: 'Sanne', aanmelder: 'uwv', instroomroute: 'gilde' } },
      token,
    )
  ).json();
  const halfDays = [
    'ma-ochtend',
    'ma-middag',
    'di-ochtend',
    'di-middag',
    'wo-ochtend',
    'wo-middag',
    'do-ochtend',
    'do-middag',
  ];
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const c = await (
      await post(
        '/cases',
        { workflow: 'client-hulpvraag', data: { naam: `Klant ${i}`, adres: `Straat ${i}`, hulpvraag: 'Boodschappen' } },
        token,
      )
    ).json();
    for (const step of [
      { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } },
      {
        type: 'OVEREENKOMST',
        data: clientAgreement,
      },
      { type: 'GEMATCHT', data: { student: student.id, dagdelen: [halfDays[i]], frequentie: '1' } },
    ]) {
      const res = await post(`/cases/${c.id}/events`, step, token);
      expect(res.status, await res.clone().text()).toBe(200);
    }
    ids.push(c.id);
  }

  // Eight clients keep sending evaluations; each acknowledged answer names the revision it made.
  const acked: { id: string; revision: number; note: string }[] = [];
  let stop = false;
  const writers = ids.map(async (id, w) => {
    for (let n = 0; !stop && n < 10_000; n++) {
      const note = `evaluatie ${w}-${n}`;
      try {
        const res = await post(
          `/cases/${id}/events`,
          { type: 'EVALUEREN', data: { evaluatie: note, evaluatieDatum: '2027-03-01' } },
          token,
        );
        if (res.status === 200) acked.push({ id, revision: (await res.json()).revision, note });
      } catch {
        return; // the server is gone
      }
    }
  });
  await new Promise((r) => setTimeout(r, 1500));
  const exited = new Promise((r) => child!.once('exit', r));
  child.kill('SIGKILL');
  stop = true;
  await exited;
  await Promise.all(writers);
  expect(acked.length).toBeGreaterThan(20);
  if (process.env.WLB_VERBOSE) console.info(`acknowledged before kill: ${acked.length}`);

  child = await start(port);
  const { token: token2 } = await (await post('/auth/login', { username: 'admin', password })).json();
  for (const id of ids) {
    const rows = (
      await (await fetch(`${url}/cases/${id}/history`, { headers: { authorization: `Bearer ${token2}` } })).json()
    ).items as { revision: number; data: { evaluatie?: string } }[];
    const stored = new Map(rows.map((r) => [r.revision, r.data.evaluatie]));
    for (const a of acked.filter((x) => x.id === id))
      expect(stored.get(a.revision), `${id} r${a.revision}`).toBe(a.note);
    // Revisions are gapless: history is append-only and each event wrote exactly one row.
    expect(rows.map((r) => r.revision)).toEqual(rows.map((_, i) => i + 1));
  }
  child.kill('SIGKILL');
});
