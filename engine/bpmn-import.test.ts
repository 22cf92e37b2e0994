import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBpmn } from './bpmn-export';
import { fromBpmn } from './bpmn-import';
import { diffDefinitions } from './diff';
import { fromScxml, toScxml } from './scxml';
import { applyEvent, fireTimer, position, startCase, type PersistedSnapshot, type TimerEffects } from './cases';
import type { Definition } from './definition';
import { validateDefinition } from './validate';
import { shippedWorkflows } from '../workflows';

/**
 * BPMN as Camunda Modeler (Camunda 7 and 8) and bpmn.io write it, in their own style: their
 * namespaces, ids, lanes and diagram. Each becomes a draft that validates and runs.
 */
const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/bpmn/${name}`, import.meta.url), 'utf8');

async function imported(name: string) {
  const r = await fromBpmn(fixture(name));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  expect(validateDefinition(r.definition).filter((p) => p.severity === 'error')).toEqual([]);
  expect(r.complete).toBe(false);
  expect(r.definition.layout).toBeUndefined();
  return r;
}

const t0 = new Date('2026-09-01T09:00:00Z');
const who = { role: 'manager' as const };

/** Runs events (`⏱` lets the earliest timer come due) and gives the active steps after each. */
function run(def: Definition, steps: (string | [string, Record<string, unknown>])[], data = { naam: 'Fatma' }) {
  const start = startCase(def, data, t0);
  if (!start.ok) throw new Error(JSON.stringify(start));
  let s: PersistedSnapshot = start.snapshot;
  let timers: TimerEffects['schedule'] = [...start.timers.schedule];
  const seen = [position(def, s).active];
  for (const step of steps) {
    const [type, values] = typeof step === 'string' ? [step, {}] : step;
    const r =
      type === '⏱'
        ? fireTimer(def, s, timers.sort((a, b) => a.due.localeCompare(b.due))[0].event, new Date(timers[0].due))
        : applyEvent(def, s, { type, data: values }, who, t0);
    if (!r.ok) throw new Error(`${type}: ${r.message.en} ${JSON.stringify(r.details ?? [])}`);
    timers = [
      ...timers.filter(
        (x) =>
          ![...r.timers.cancel, ...r.timers.schedule.map((y) => y.id)].includes(x.id) &&
          !(type === '⏱' && x === timers[0]),
      ),
      ...r.timers.schedule,
    ];
    s = r.snapshot;
    seen.push(position(def, s).active);
  }
  return seen;
}

describe('BPMN from Camunda Modeler and bpmn.io', () => {
  it('Camunda 7: lanes as functions, a gateway with conditions as rules, parallel regions, a sub-process with a timer', async () => {
    const { definition: d, warnings } = await imported('camunda7-hulpvraag.bpmn');
    expect(d).toMatchObject({
      key: 'hulpvraag-wijkbewoner',
      title: { nl: 'Hulpvraag wijkbewoner' },
      titleField: 'naam',
    });
    expect(d.fields).toMatchObject({ veilig: { type: 'boolean' }, complexiteit: { type: 'number' } });
    const visit = d.machine.states['huisbezoek-afleggen'].on!.HUISBEZOEK_AFLEGGEN;
    expect(visit).toMatchObject([
      {
        guard: {
          params: {
            all: [
              { field: 'veilig', op: 'eq', value: true },
              { field: 'complexiteit', op: 'lte', value: 3 },
            ],
          },
        },
        meta: {
          label: { nl: 'Huisbezoek afleggen' },
          functions: ['coordinator'],
          form: [{ field: 'veilig' }, { field: 'complexiteit' }],
        },
      },
      { target: '#Process_1n6x2ka.doorverwezen' },
    ]);
    expect(d.machine.states.tegelijk).toMatchObject({
      type: 'parallel',
      onDone: { target: '#Process_1n6x2ka.hulp-in-de-wijk' },
    });
    expect(d.machine.states['hulp-in-de-wijk'].after).toMatchObject({
      '12w': { target: '#Process_1n6x2ka.evaluatie' },
    });
    expect(
      d.machine.states.tegelijk.states!['deel-2'].states!['wederdienst-afspreken'].on!.WEDERDIENST_AFSPREKEN,
    ).toMatchObject({
      meta: { functions: ['docent'] },
    });
    expect(warnings.map((w) => w.path)).toEqual(['Activity_1ewf7zs', 'Activity_0s4b8kq']);

    expect(
      run(d, [
        ['HUISBEZOEK_AFLEGGEN', { veilig: true, complexiteit: 2 }],
        'KLANTOVEREENKOMST_TEKENEN',
        'STUDENT_MATCHEN',
        'WEDERDIENST_AFSPREKEN',
        'SAMEN_BOODSCHAPPEN_DOEN',
        'EVALUATIE',
      ]),
    ).toEqual([
      ['huisbezoek-afleggen'],
      ['klantovereenkomst-tekenen'],
      ['tegelijk.deel-1.student-matchen', 'tegelijk.deel-2.wederdienst-afspreken'],
      ['tegelijk.deel-1.klaar', 'tegelijk.deel-2.wederdienst-afspreken'],
      ['hulp-in-de-wijk.samen-boodschappen-doen'],
      ['evaluatie'],
      ['afgesloten'],
    ]);
    // The default way when the rule does not hold, and the twelve weeks running out.
    expect(run(d, [['HUISBEZOEK_AFLEGGEN', { veilig: false, complexiteit: 2 }]]).at(-1)).toEqual(['doorverwezen']);
    expect(
      run(d, [
        ['HUISBEZOEK_AFLEGGEN', { veilig: true, complexiteit: 1 }],
        'KLANTOVEREENKOMST_TEKENEN',
        'WEDERDIENST_AFSPREKEN',
        'STUDENT_MATCHEN',
        '⏱',
      ]).at(-1),
    ).toEqual(['evaluatie']);
  });

  it('Camunda 8: FEEL conditions, an intermediate timer, a message boundary event', async () => {
    const { definition: d } = await imported('camunda8-intake.bpmn');
    expect(d.fields.taalniveau).toMatchObject({
      type: 'enum',
      options: [{ value: 'b1' }, { value: 'b2' }, { value: 'a2' }],
    });
    expect(d.machine.states['wachten-op-de-start'].after).toHaveProperty('2d');
    expect(
      run(d, [['INTAKEGESPREK_VOEREN', { taalniveau: 'b2' }], 'INSCHRIJVEN_BIJ_GILDE', '⏱', 'STUDENT_STOPT']),
    ).toEqual([
      ['intakegesprek-voeren'],
      ['inschrijven-bij-gilde'],
      ['wachten-op-de-start'],
      ['introductieprogramma'],
      ['gestopt'],
    ]);
    expect(run(d, [['INTAKEGESPREK_VOEREN', { taalniveau: 'a2' }]]).at(-1)).toEqual(['afgewezen']);
  });

  it('bpmn.io: plain tasks, choices someone makes at a gateway without conditions, a loop back', async () => {
    const { definition: d } = await imported('bpmnio-aanvraag.bpmn');
    expect(Object.keys(d.machine.states['aanvraag-beoordelen'].on!)).toEqual(['GOEDGEKEURD_JA', 'GOEDGEKEURD_NEE']);
    expect(
      run(d, [
        'GOEDGEKEURD_JA',
        'STUDENT_KOPPELEN',
        '⏱',
        'TEVREDEN_NEE_ANDERE_STUDENT',
        'STUDENT_KOPPELEN',
        '⏱',
        'TEVREDEN_JA',
      ]),
    ).toEqual([
      ['aanvraag-beoordelen'],
      ['student-koppelen'],
      ['een-week-later'],
      ['terugbellen'],
      ['student-koppelen'],
      ['een-week-later'],
      ['terugbellen'],
      ['afgerond'],
    ]);
  });
});

describe('what came from another tool goes out again', () => {
  it.each(['camunda7-hulpvraag.bpmn', 'camunda8-intake.bpmn', 'bpmnio-aanvraag.bpmn'])(
    '%s: to BPMN and back, and to SCXML and back, gives the same workflow',
    async (name) => {
      const { definition } = await imported(name);
      const bpmn = await fromBpmn(toBpmn(definition));
      expect(bpmn.ok && bpmn.definition).toEqual(definition);
      const scxml = fromScxml(toScxml(definition));
      expect(scxml.ok, JSON.stringify(!scxml.ok && scxml.problems)).toBe(true);
      if (scxml.ok) expect(diffDefinitions(definition, { ...definition, machine: scxml.machine })).toEqual([]);
    },
  );
});

const wrap = (process: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_1" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_1" />
    ${process}
    <bpmn:endEvent id="Event_end" />
  </bpmn:process>${extra}
</bpmn:definitions>`;

describe('BPMN refused by name, at its place', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'a service task',
      wrap('<bpmn:serviceTask id="Activity_1" name="Adres controleren" camunda:class="nl.gemeente.AdresCheck" />'),
      'Activity_1',
      /Servicetaak 'Adres controleren' roept een systeem aan/,
    ],
    [
      'a script task',
      wrap(
        '<bpmn:scriptTask id="Activity_1" name="Score berekenen" scriptFormat="javascript"><bpmn:script>score = 1</bpmn:script></bpmn:scriptTask>',
      ),
      'Activity_1',
      /Scripttaak 'Score berekenen' voert een script uit/,
    ],
    [
      'a script condition',
      wrap(
        `<bpmn:userTask id="Activity_1" name="Beoordelen"><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
         <bpmn:exclusiveGateway id="Gateway_1" default="Flow_4"><bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing><bpmn:outgoing>Flow_4</bpmn:outgoing></bpmn:exclusiveGateway>
         <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Gateway_1" />
         <bpmn:sequenceFlow id="Flow_3" name="goed" sourceRef="Gateway_1" targetRef="Event_end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">execution.getVariable('score') &gt; 5</bpmn:conditionExpression></bpmn:sequenceFlow>
         <bpmn:sequenceFlow id="Flow_4" sourceRef="Gateway_1" targetRef="Event_end" />`,
      ),
      'Flow_3',
      /Voorwaarde 'goed' is een script/,
    ],
    [
      'a condition that is no simple comparison',
      wrap(
        `<bpmn:userTask id="Activity_1" name="Beoordelen"><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
         <bpmn:exclusiveGateway id="Gateway_1" default="Flow_4"><bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_3</bpmn:outgoing><bpmn:outgoing>Flow_4</bpmn:outgoing></bpmn:exclusiveGateway>
         <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_1" targetRef="Gateway_1" />
         <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_1" targetRef="Event_end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${scoreService.isHigh(score)}</bpmn:conditionExpression></bpmn:sequenceFlow>
         <bpmn:sequenceFlow id="Flow_4" sourceRef="Gateway_1" targetRef="Event_end" />`,
      ),
      'Flow_3',
      /is geen eenvoudige vergelijking/,
    ],
    [
      'a business rule task',
      wrap('<bpmn:businessRuleTask id="Activity_1" name="Toets" camunda:decisionRef="toets" />'),
      'Activity_1',
      /Bedrijfsregeltaak 'Toets' leest een beslistabel/,
    ],
    [
      'a call activity',
      wrap('<bpmn:callActivity id="Activity_1" name="Matching" calledElement="matching" />'),
      'Activity_1',
      /Aanroepactiviteit 'Matching' start een ander proces/,
    ],
    [
      'a send task',
      wrap('<bpmn:sendTask id="Activity_1" name="Mail sturen" />'),
      'Activity_1',
      /Verzendtaak 'Mail sturen'/,
    ],
    [
      'a timer on a date',
      wrap(
        `<bpmn:userTask id="Activity_1" name="Wachten" />
         <bpmn:boundaryEvent id="Event_t" attachedToRef="Activity_1"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2027-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
      ),
      'Event_t',
      /wacht op een datum/,
    ],
    [
      'a timer in months',
      wrap(
        `<bpmn:userTask id="Activity_1" name="Wachten" />
         <bpmn:boundaryEvent id="Event_t" attachedToRef="Activity_1"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P6M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
      ),
      'Event_t',
      /maanden of jaren/,
    ],
    [
      'a boundary event that does not interrupt',
      wrap(
        `<bpmn:userTask id="Activity_1" name="Hulp" />
         <bpmn:boundaryEvent id="Event_m" name="Herinnering" cancelActivity="false" attachedToRef="Activity_1"><bpmn:messageEventDefinition /></bpmn:boundaryEvent>`,
      ),
      'Event_m',
      /onderbreekt niet/,
    ],
    [
      'an inclusive gateway',
      wrap('<bpmn:userTask id="Activity_1" name="Hulp" /><bpmn:inclusiveGateway id="Gateway_1" />'),
      'Gateway_1',
      /Inclusieve gateway/,
    ],
    [
      'a signal event',
      wrap(
        '<bpmn:userTask id="Activity_1" name="Hulp" /><bpmn:intermediateThrowEvent id="Event_s"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>',
      ),
      'Event_s',
      /signal/,
    ],
    [
      'a multi-instance task',
      wrap(
        '<bpmn:userTask id="Activity_1" name="Per student"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>',
      ),
      'Activity_1',
      /herhaalt zich/,
    ],
    [
      'two pools with processes',
      wrap(
        '<bpmn:userTask id="Activity_1" name="A" />',
        '<bpmn:process id="Process_2"><bpmn:task id="Activity_2" name="B" /></bpmn:process>',
      ),
      '(root)',
      /2 processen/,
    ],
  ];
  it.each(cases)('refuses %s', async (_, xml, path, message) => {
    const r = await fromBpmn(xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const here = r.problems.find((p) => p.path === path);
    expect(here, JSON.stringify(r.problems)).toBeDefined();
    expect(here!.message.nl).toMatch(message);
  });
});

describe('our own BPMN, tampered with', () => {
  // Names read from `wlb:` elements become object keys and list indexes: each is refused at its
  // place unless the grammar allows it, so none reaches a prototype or makes a huge list.
  const ours = toBpmn(shippedWorkflows().find((w) => w.key === 'client-hulpvraag')!);
  const transition = '<wlb:transition slot="on" event="HUISBEZOEK_PLANNEN" index="0">';
  const cases: [string, string, RegExp][] = [
    [
      'a slot that is no kind of transition',
      ours.replace(transition, '<wlb:transition slot="__proto__" event="polluted" index="0">'),
      /wlb:transition slot="__proto__"/,
    ],
    [
      'an event named __proto__',
      ours.replace(transition, '<wlb:transition slot="on" event="__proto__" index="0">'),
      /event="__proto__"/,
    ],
    [
      'an index far out of range',
      ours.replace(transition, '<wlb:transition slot="on" event="HUISBEZOEK_PLANNEN" index="999999999">'),
      /event="HUISBEZOEK_PLANNEN"/,
    ],
    [
      'an index that is no number',
      ours.replace(transition, '<wlb:transition slot="on" event="HUISBEZOEK_PLANNEN" index="length">'),
      /event="HUISBEZOEK_PLANNEN"/,
    ],
    [
      'a step named __proto__',
      ours.replace('<wlb:state key="hulpvraag">', '<wlb:state key="__proto__">'),
      /'__proto__' kan geen stap heten/,
    ],
    [
      'a nested step named constructor',
      ours.replace('<wlb:child key="terug">', '<wlb:child key="constructor">'),
      /'constructor' kan geen stap heten/,
    ],
  ];
  it('is still read back exactly when untouched', async () => {
    for (const [, xml] of cases) expect(xml).not.toBe(ours);
    const r = await fromBpmn(ours);
    expect(r.ok && r.definition).toEqual(shippedWorkflows().find((w) => w.key === 'client-hulpvraag'));
  });
  it.each(cases)('refuses %s at its place', async (_, xml, message) => {
    const r = await fromBpmn(xml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message.nl).join('\n')).toMatch(message);
    expect(r.problems.every((p) => p.path.length > 0)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
