import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { formSchema, FormSchema, type Definition, type FormField } from '../../engine';
import { testApp, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

/**
 * The server serializes every answer with its schema, and a serializer drops what a schema does
 * not name: the forms a client draws must arrive with every `x-` key the engine put in them.
 */
describe('forms as the API hands them out', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let def: Definition;
  let id = '';
  const clock = new TestClock();

  const get = async (url: string, locale = 'nl') => {
    const res = await t.request({ method: 'GET', url, headers: { ...headers, 'accept-language': locale } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const send = async (type: string, data: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url: `/api/cases/${id}/events`, headers, payload: { type, data } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const formOf = (state: string, event: string): FormField[] => {
    const on = (def.machine.states as Record<string, { on?: Record<string, unknown> }>)[state].on![event];
    return ((Array.isArray(on) ? on[0] : on) as { meta: { form: FormField[] } }).meta.form;
  };
  const served = async (locale = 'nl') =>
    Object.fromEntries(
      ((await get(`/api/cases/${id}`, locale)).availableEvents as { type: string; form: FormSchema }[]).map((e) => [
        e.type,
        e.form,
      ]),
    );

  beforeAll(async () => {
    t = await testApp({ now: clock.now });
    headers = await t.user('coordinator', 'staff', 'coordinator');
    def = (await get('/api/workflows/client-hulpvraag')).definition;
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: {
        workflow: 'client-hulpvraag',
        data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
      },
    });
    id = res.json().id;
    await send('HUISBEZOEK_PLANNEN', { huisbezoekDatum: '2026-12-01' });
    await send('OVEREENKOMST', clientAgreement);
  });
  afterAll(() => t?.close());

  it("keeps every key of the engine's form, the case picker's x-case-of included", async () => {
    const forms = await served();
    const expected = formSchema(def, formOf('matching', 'GEMATCHT'));
    expect(forms.GEMATCHT).toEqual({
      ...expected,
      properties: { ...expected.properties, student: { ...expected.properties.student, 'x-case-of': 'student' } },
    });
    expect(Value.Check(FormSchema, forms.GEMATCHT)).toBe(true);
    // Choices travel with their labels in both languages.
    expect(forms.GEMATCHT.properties.dagdelen['x-options']).toEqual(def.fields.dagdelen.options);
    expect(forms.GEMATCHT.properties.dagdelen['x-label']).toEqual(def.fields.dagdelen.label);
  });

  it('keeps long texts and personal fields marked, and says titles in the language asked for', async () => {
    const student = await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['ma-ochtend']);
    await send('GEMATCHT', { student, dagdelen: ['ma-ochtend'], frequentie: '1' });
    const forms = await served();
    for (const event of ['EVALUEREN', 'PAUZEREN', 'AFSLUITEN'])
      expect(forms[event], event).toEqual(formSchema(def, formOf('actief', event)));
    expect(forms.EVALUEREN.properties.evaluatie).toMatchObject({ 'x-multiline': true, 'x-personal': true });
    const english = await served('en');
    expect(english.EVALUEREN.properties.evaluatie.title).toBe(def.fields.evaluatie.label.en);
    expect(Value.Check(FormSchema, english.EVALUEREN)).toBe(true);
  });

  it("hands out each workflow's start form with every key, as the forms of actions", async () => {
    const { items } = await get('/api/workflows');
    const student = await get('/api/workflows/student-traject');
    const served = items.find((w: { key: string }) => w.key === 'student-traject').startForm;
    expect(served).toEqual(formSchema(student.definition, student.definition.startForm));
    expect(Object.values(served.properties).some((p) => (p as Record<string, unknown>)['x-personal'])).toBe(true);
    expect(Value.Check(FormSchema, served)).toBe(true);
  });

  it('names the form schema in OpenAPI', async () => {
    const spec = await get('/api/openapi.json');
    const view = spec.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema;
    const form = view.properties.availableEvents.items.properties.form;
    // OpenAPI 3.0 has no patternProperties: the record of fields is said as additionalProperties.
    const field = form.properties.properties.additionalProperties;
    expect(Object.keys(field.properties)).toEqual(expect.arrayContaining(['x-label', 'x-options', 'x-case-of']));
  });
});
