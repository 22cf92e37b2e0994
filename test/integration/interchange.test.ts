import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../../workflows';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/bpmn/${name}`, import.meta.url), 'utf8');

describe.each(testDatabases)('SCXML and BPMN through the API on %s', (db) => {
  let t: TestApp;
  let manager: Record<string, string>;
  let staff: Record<string, string>;

  beforeAll(async () => {
    t = await testApp({ db, workflows: [...shippedWorkflows(), introWorkflow] });
    manager = await t.user('projectleider', 'manager');
    staff = await t.user('coordinator', 'staff', 'coordinator');
  });
  afterAll(() => t.close());

  const xml = (url: string, body: string, headers = manager, type = 'application/xml') =>
    t.request({ method: 'POST', url, headers: { ...headers, 'content-type': type }, payload: body });
  const draftOf = (key: string) => t.request({ method: 'GET', url: `/api/workflows/${key}/draft`, headers: manager });

  it('export → import → publish → export gives the same BPMN for every shipped workflow, with no difference', async () => {
    for (const def of shippedWorkflows()) {
      const first = await t.request({ method: 'GET', url: `/api/workflows/${def.key}/bpmn`, headers: staff });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toContain('application/bpmn+xml');
      expect(first.headers['content-disposition']).toBe(`attachment; filename="${def.key}.bpmn"`);
      const dry = await xml('/api/workflows/import/bpmn?dryRun=true', first.body);
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toMatchObject({
        key: def.key,
        latestVersion: 1,
        hasDraft: false,
        complete: true,
        changes: [],
        problems: [],
      });
      const stored = await xml('/api/workflows/import/bpmn', first.body, manager, 'application/bpmn+xml');
      expect(stored.statusCode, stored.body).toBe(201);
      expect(stored.json().draft).toMatchObject({ key: def.key, problems: [] });
      const published = await t.request({
        method: 'POST',
        url: `/api/workflows/${def.key}/publish`,
        headers: manager,
        payload: {},
      });
      expect(published.statusCode, published.body).toBe(200);
      const again = await t.request({ method: 'GET', url: `/api/workflows/${def.key}/bpmn`, headers: staff });
      expect(again.body).toBe(first.body);
    }
  });

  it("a Camunda Modeler process becomes a new workflow's draft, is published and runs", async () => {
    const file = fixture('camunda7-hulpvraag.bpmn');
    const dry = await xml('/api/workflows/import/bpmn?dryRun=true', file);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      key: 'hulpvraag-wijkbewoner',
      latestVersion: null,
      complete: false,
      title: 'Hulpvraag wijkbewoner',
      changes: [],
      problems: [],
    });
    expect(dry.json().warnings.map((w: { path: string }) => w.path)).toContain('Activity_0s4b8kq');
    expect((await draftOf('hulpvraag-wijkbewoner')).statusCode).toBe(404);
    expect((await xml('/api/workflows/import/bpmn', file, staff)).statusCode).toBe(403);

    const stored = await xml('/api/workflows/import/bpmn', file);
    expect(stored.statusCode, stored.body).toBe(201);
    expect((await xml('/api/workflows/import/bpmn', file)).json().error.code).toBe('CONFLICT');
    const published = await t.request({
      method: 'POST',
      url: '/api/workflows/hulpvraag-wijkbewoner/publish',
      headers: manager,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(200);
    const created = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: { workflow: 'hulpvraag-wijkbewoner', data: { naam: 'Mevrouw Janssen' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c.state).toBe('huisbezoek-afleggen');
    const visit = c.availableEvents.find((e: { type: string }) => e.type === 'HUISBEZOEK_AFLEGGEN');
    expect(visit).toMatchObject({ label: 'Huisbezoek afleggen', allowed: true });
    expect(Object.keys(visit.form.properties)).toEqual(['veilig', 'complexiteit']);
    const moved = await t.request({
      method: 'POST',
      url: `/api/cases/${c.id}/events`,
      headers: staff,
      payload: { type: 'HUISBEZOEK_AFLEGGEN', data: { veilig: true, complexiteit: 2 }, revision: c.revision },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().state).toBe('klantovereenkomst-tekenen');
  });

  it("another tool's process landing on a workflow keeps that workflow's fields and settings, shows the differences, and ?key= chooses it", async () => {
    const dry = await xml(
      '/api/workflows/import/bpmn?dryRun=true&key=client-hulpvraag',
      fixture('bpmnio-aanvraag.bpmn'),
    );
    expect(dry.statusCode, dry.body).toBe(200);
    const r = dry.json();
    // Version 2: the first test published the export again.
    expect(r).toMatchObject({ key: 'client-hulpvraag', latestVersion: 2, complete: false });
    expect(r.changes.map((c: { text: string }) => c.text)).toContain("Stap 'Aanvraag beoordelen' toegevoegd");
    expect(r.changes.some((c: { text: string }) => /Veld/.test(c.text))).toBe(false);
    expect((await draftOf('client-hulpvraag')).statusCode).toBe(404);
  });

  it('refuses a service task and a script condition by name with their place, storing nothing', async () => {
    const service = fixture('bpmnio-aanvraag.bpmn')
      .replace(
        '<bpmn:task id="Activity_1rmc9tl" name="Terugbellen">',
        '<bpmn:serviceTask id="Activity_1rmc9tl" name="Terugbellen">',
      )
      .replace(
        '</bpmn:task>\n    <bpmn:sequenceFlow id="Flow_0t7i1ut"',
        '</bpmn:serviceTask>\n    <bpmn:sequenceFlow id="Flow_0t7i1ut"',
      );
    const refused = await xml('/api/workflows/import/bpmn', service);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'INVALID_BPMN',
      details: [{ path: 'Activity_1rmc9tl', message: expect.stringContaining("Servicetaak 'Terugbellen'") }],
    });
    const script = fixture('camunda7-hulpvraag.bpmn').replace(
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">',
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">',
    );
    const en = await xml('/api/workflows/import/bpmn', script, { ...manager, 'accept-language': 'en' });
    expect(en.json().error.details).toEqual([
      { path: 'Flow_1c8ks1q', message: expect.stringContaining("Condition 'ja' is a script") },
    ]);
    expect((await draftOf('process-1')).statusCode).toBe(404);
  });

  it('a new workflow comes in without errors: the dry run names them, storing is refused until they are fixed', async () => {
    // "Terugbellen" leads nowhere: a step without a way out.
    const deadEnd = fixture('bpmnio-aanvraag.bpmn')
      .replace('<bpmn:outgoing>Flow_0n5xq7v</bpmn:outgoing>', '')
      .replace('<bpmn:incoming>Flow_0n5xq7v</bpmn:incoming>', '')
      .replace(/<bpmn:sequenceFlow id="Flow_0n5xq7v"[^>]*\/>/, '')
      .replace(/<bpmndi:BPMNEdge id="Flow_0n5xq7v_di"[\s\S]*?<\/bpmndi:BPMNEdge>/, '');
    const dry = await xml('/api/workflows/import/bpmn?dryRun=true', deadEnd);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().problems.map((p: { path: string }) => p.path)).toContain('machine.states.terugbellen');
    const refused = await xml('/api/workflows/import/bpmn', deadEnd);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('INVALID_BPMN');
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toContain('machine.states.terugbellen');
    expect((await draftOf('process-1')).statusCode).toBe(404);
  });

  it('SCXML from another tool: a dry run shows the differences and where the engine differs, and stores nothing', async () => {
    const doc = `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="a">
      <state id="a"><onentry><send event="go"/></onentry><transition event="go" target="b"/></state>
      <final id="b"/>
    </scxml>`;
    const dry = await xml('/api/workflows/test-intro/scxml?dryRun=true', doc);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().draft).toBeUndefined();
    expect(dry.json().warnings).toEqual([expect.objectContaining({ path: 'a.onentry.send', severity: 'warning' })]);
    expect(dry.json().changes.length).toBeGreaterThan(0);
    expect((await draftOf('test-intro')).statusCode).toBe(404);
    const stored = await xml('/api/workflows/test-intro/scxml', doc);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json().draft.definition.machine.aliases).toEqual({ GO: 'go' });
    await t.request({ method: 'DELETE', url: '/api/workflows/test-intro/draft', headers: manager });
  });
});
