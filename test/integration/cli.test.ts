import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedVariants } from '../../workflows';
import { longSession, testApp, type TestApp } from '../support/helpers';

const run = promisify(execFile);

/** The tool as a person runs it: a separate process, its exit code, what it prints. */
async function wlb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/wlb.js', ...args], {
      cwd: join(import.meta.dirname, '..', '..'),
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npx wlb export / import', () => {
  let t: TestApp;
  let base: string;
  const passwordLogin = ['--user', 'projectleider', '--password', 'projectleider-wachtwoord'];
  // Each run with a password logs in once: a dozen of them within a minute meet the login limit
  // (ten a minute), so one test logs in with the password and the others bring a session token.
  let login: string[] = [];

  beforeAll(async () => {
    t = await testApp();
    await t.user('projectleider', 'manager');
    const { authorization } = await longSession(t, 'projectleider');
    login = [`--token=${authorization.replace(/^Bearer /, '')}`];
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('exports from a running server to a file named after site, key and version', async () => {
    const out = join(t.dir, 'export.wlb.json');
    const r = await wlb('export', 'student-traject', '--url', base, ...passwordLogin, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(out, 'utf8'));
    expect(pkg).toMatchObject({
      format: 'wlb-workflow-package',
      provenance: { site: 'venray', key: 'student-traject', version: 1 },
    });
    expect(r.stdout).toContain(pkg.sha256);
    const missing = await wlb('export', 'bestaat-niet', '--url', base, ...login, '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('imports with a dry run over HTTP (the differences in Dutch), and refuses a damaged file with its paths', async () => {
    const horst = join(t.dir, 'horst.wlb.json');
    writeFileSync(horst, shippedVariants().find((v) => v.file.startsWith('horst'))!.text);
    const dry = await wlb('import', horst, '--dry-run', '--url', base, ...login);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('student-traject: verschillen met de workflow van deze locatie (versie 1):');
    expect(dry.stdout).toContain("  - Stap 'Kennismaking in de groep' toegevoegd");
    expect(dry.stdout).toContain('Gecontroleerd; niets opgeslagen (--dry-run).');

    const damaged = join(t.dir, 'kapot.wlb.json');
    writeFileSync(damaged, readFileSync(horst, 'utf8').replace('"Kennismaking in de groep"', '"Kennismaking"'));
    const refused = await wlb('import', damaged, '--url', base, ...login, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(INVALID_PACKAGE, 422)');
    expect(refused.stderr).toContain('  sha256: The checksum does not match');
    expect((await wlb('import', horst, '--url', base)).code).toBe(2);
    const nowhere = await wlb('import', horst, '--db', join(t.dir, 'bestaat-niet.sqlite'), '--as', 'projectleider');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('bestaat niet');
  });

  it('imports into the local database file as a named manager, through the same checks', async () => {
    const horst = join(t.dir, 'horst.wlb.json');
    const r = await wlb('import', horst, '--db', t.dbFile, '--as', 'projectleider');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Opgeslagen als concept (revisie 1)');
    const draft = await t.request({
      method: 'GET',
      url: '/api/workflows/student-traject/draft',
      headers: await t.as('projectleider'),
    });
    expect(draft.json()).toMatchObject({
      upstream: { site: 'horst', key: 'student-traject', version: 3 },
      definition: { title: { nl: 'Studenttraject (Horst aan de Maas)' } },
    });
    const again = await wlb('import', horst, '--db', t.dbFile, '--as', 'projectleider');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('(CONFLICT, 409)');
  });

  const scxmlFile = () => join(t.dir, 'machine.scxml');

  it('exports a version as BPMN and as SCXML', async () => {
    const bpmn = join(t.dir, 'hulpvraag.bpmn');
    const exported = await wlb(
      'export',
      'client-hulpvraag',
      '--format',
      'bpmn',
      '--url',
      base,
      ...login,
      '--out',
      bpmn,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`${bpmn}: client-hulpvraag als BPMN`);
    expect(readFileSync(bpmn, 'utf8')).toContain('<bpmn:process id="client-hulpvraag"');
    const scxml = await wlb('export', 'client-hulpvraag', '--format', 'scxml', '--url', base, ...login, '--out', '-');
    expect(scxml.stdout).toContain('<scxml xmlns="http://www.w3.org/2005/07/scxml"');
    writeFileSync(scxmlFile(), scxml.stdout);
  });

  it('imports a BPMN file from Camunda Modeler, knowing it by its content, and refuses a service task by name', async () => {
    const camunda = join(import.meta.dirname, '..', 'fixtures', 'bpmn', 'camunda7-hulpvraag.bpmn');
    const dry = await wlb('import', camunda, '--dry-run', '--url', base, ...login);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('hulpvraag-wijkbewoner: nieuw op deze locatie');
    expect(dry.stdout).toContain("  ! Activity_0s4b8kq: Baan 'Student' noemt geen functie van het team");
    expect(dry.stdout).toContain('Gecontroleerd; niets opgeslagen (--dry-run).');
    const service = join(t.dir, 'service.bpmn');
    writeFileSync(
      service,
      readFileSync(camunda, 'utf8')
        .replace('<bpmn:userTask id="Activity_1w5v9gb"', '<bpmn:serviceTask id="Activity_1w5v9gb"')
        .replace(
          '</bpmn:userTask>\n    <bpmn:sequenceFlow id="Flow_1vbq1e3"',
          '</bpmn:serviceTask>\n    <bpmn:sequenceFlow id="Flow_1vbq1e3"',
        ),
    );
    const refused = await wlb('import', service, '--url', base, ...login);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('(INVALID_BPMN, 422)');
    expect(refused.stderr).toContain("  Activity_1w5v9gb: Servicetaak 'Evaluatie' roept een systeem aan");
  });

  it('imports an SCXML file into the machine of the workflow --key names', async () => {
    expect((await wlb('import', scxmlFile(), '--url', base, ...login)).code).toBe(2);
    const back = await wlb(
      'import',
      scxmlFile(),
      '--key',
      'client-hulpvraag',
      '--dry-run',
      '--url',
      base,
      ...login,
      '--lang',
      'en',
    );
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain("client-hulpvraag: differences from this site's workflow:\n  (none)");
  });
});
