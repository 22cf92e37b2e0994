import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePackage, type Definition } from '../../engine';
import { shippedWorkflows } from '../../workflows';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

describe.each(testDatabases)('export and import of packages on %s', (db) => {
  let t: TestApp;
  let manager: Record<string, string>;
  let staff: Record<string, string>;

  beforeAll(async () => {
    t = await testApp({ db, workflows: [...shippedWorkflows(), introWorkflow] });
    manager = await t.user('projectleider', 'manager');
    staff = await t.user('docent', 'staff');
  });
  afterAll(() => t.close());

  const exportOf = async (key: string, version?: number) => {
    const res = await t.request({
      method: 'GET',
      url: `/api/workflows/${key}/export${version ? `?version=${version}` : ''}`,
      headers: staff,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const importText = (body: string, dryRun = false, headers = manager) =>
    t.request({
      method: 'POST',
      url: `/api/workflows/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: body,
    });

  it('export → import → publish → export gives the same checksum for every shipped workflow', async () => {
    for (const def of shippedWorkflows()) {
      const first = await exportOf(def.key);
      expect(first.headers['content-disposition']).toBe(`attachment; filename="venray-${def.key}-v1.wlb.json"`);
      const pkg = first.json();
      expect(pkg).toMatchObject({
        format: 'wlb-workflow-package',
        formatVersion: 1,
        provenance: { site: 'venray', key: def.key, version: 1, basedOn: null },
      });
      const imported = await importText(first.body);
      expect(imported.statusCode, imported.body).toBe(201);
      expect(imported.json()).toMatchObject({
        key: def.key,
        latestVersion: 1,
        changes: [],
        draft: { key: def.key, problems: expect.any(Array) },
      });
      const published = await t.request({
        method: 'POST',
        url: `/api/workflows/${def.key}/publish`,
        headers: manager,
        payload: {},
      });
      expect(published.statusCode, published.body).toBe(200);
      const again = (await exportOf(def.key)).json();
      expect(again.provenance.version).toBe(2);
      expect(again.sha256).toBe(pkg.sha256);
      expect(again.definition).toEqual(pkg.definition);
    }
  });

  it('shows the differences in plain Dutch before storing, and stores nothing on a dry run', async () => {
    const changed: Definition = structuredClone(introWorkflow);
    changed.machine.states.leerroute.meta!.label = { nl: 'Persoonlijke leerroute', en: 'Personal route' };
    changed.fields.telefoon = { type: 'string', label: { nl: 'Telefoon' } };
    const body = JSON.stringify(
      makePackage(changed, { site: 'horst', version: 4, exportedAt: '2026-11-01T09:00:00Z', basedOn: null }),
    );
    const dry = await importText(body, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().changes.map((c: { text: string }) => c.text)).toEqual([
      "Veld 'Telefoon' (tekst) toegevoegd",
      "Stap 'Leerroute': heet nu 'Persoonlijke leerroute'",
    ]);
    expect(dry.json().draft).toBeUndefined();
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/test-intro/draft', headers: manager })).statusCode,
    ).toBe(404);
    const en = await t.request({
      method: 'POST',
      url: '/api/workflows/import?dryRun=true',
      headers: { ...manager, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: body,
    });
    expect(en.json().changes[0].text).toBe("Field 'Telefoon' (text) added");

    expect((await importText(body, false, staff)).statusCode).toBe(403);
    const stored = await importText(body);
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json().draft).toMatchObject({
      key: 'test-intro',
      basedOn: 1,
      upstream: { site: 'horst', key: 'test-intro', version: 4 },
    });
    const again = await importText(body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const v1 = await t.request({ method: 'GET', url: '/api/workflows/test-intro', headers: staff });
    expect(v1.json()).toMatchObject({
      version: 1,
      definition: { machine: { states: { leerroute: { meta: { label: { nl: 'Leerroute' } } } } } },
    });
  });

  it('exports a machine as SCXML and takes it back into a draft; refuses entities and code with paths, storing nothing', async () => {
    const xml = await t.request({ method: 'GET', url: '/api/workflows/client-hulpvraag/scxml', headers: staff });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('application/scxml+xml');
    const post = (body: string) =>
      t.request({
        method: 'POST',
        url: '/api/workflows/client-hulpvraag/scxml',
        headers: { ...manager, 'content-type': 'application/xml' },
        payload: body,
      });
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><scxml name="x"><state id="s">&b;</state></scxml>`;
    for (const [body, path] of [
      [laughs, '(root)'],
      [
        xml.body.replace(
          '<transition event="HUISBEZOEK_PLANNEN"',
          '<script>x</script><transition event="HUISBEZOEK_PLANNEN"',
        ),
        'hulpvraag.script',
      ],
    ]) {
      const refused = await post(body);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_SCXML', details: [{ path }] });
    }
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/client-hulpvraag/draft', headers: manager })).statusCode,
    ).toBe(404);
    const back = await post(xml.body);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ changes: [], draft: { problems: [] } });
    await t.request({ method: 'DELETE', url: '/api/workflows/client-hulpvraag/draft', headers: manager });
  });

  it('answers 404 for an unknown workflow or version and refuses a package over 8 MB unread (413)', async () => {
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/bestaat-niet/export', headers: staff })).statusCode,
    ).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/student-traject/export?version=99', headers: staff }))
        .statusCode,
    ).toBe(404);
    const huge = await importText(' '.repeat(9 * 1024 * 1024));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
