import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import {
  applyEvent,
  checklistItems,
  fireTimer,
  openChecklist,
  signChecklistItem,
  startCase,
  type Definition,
  type PersistedSnapshot,
} from '../../engine';
import { shippedWorkflows } from '../../workflows';

const day = 86_400_000;
const staff = { role: 'staff' as const, function: 'coordinator' as const, username: 'docent' };

/**
 * One student, registration to diploma and work, through our engine: ten steps (nine actions
 * and the ten-week timer) with their forms and rules, and the sign-off list signed on the way.
 * After every change the snapshot is serialised and read back, as the server stores it.
 */
export function walkStudent(def: Definition): number {
  let now = new Date('2026-08-20T09:00:00Z');
  const started = startCase(def, { naam: 'Fatima', aanmelder: 'gemeente-venray', instroomroute: 'gilde' }, now);
  if (!started.ok) throw new Error(started.message.en);
  let s: PersistedSnapshot = started.snapshot;
  let steps = 0;
  const timers = new Map<string, string>();
  const keep = (snapshot: PersistedSnapshot) => (s = JSON.parse(JSON.stringify(snapshot)));
  const track = (t: { schedule: { id: string; event: string }[]; cancel: string[] }) => {
    t.cancel.forEach((id) => timers.delete(id));
    t.schedule.forEach((x) => timers.set(x.id, x.event));
  };
  track(started.timers);
  const step = (type: string, data: Record<string, unknown>, wait = 1) => {
    now = new Date(now.getTime() + wait * day);
    const r = applyEvent(def, s, { type, data }, staff, now);
    if (!r.ok) throw new Error(`${type}: ${r.message.en}`);
    keep(r.snapshot);
    track(r.timers);
    steps++;
  };
  const signAll = () => {
    for (const item of openChecklist(def, s)) {
      const r = signChecklistItem(def, s, { item: item.id, signed: true }, staff, now);
      if (!r.ok) throw new Error(r.message.en);
      keep(r.snapshot);
    }
  };
  const fire = (days: number) => {
    now = new Date(now.getTime() + days * day);
    for (const [id, event] of [...timers]) {
      timers.delete(id);
      const r = fireTimer(def, s, event, now);
      if (!r.ok) throw new Error(r.message.en);
      if (r.changed) steps++;
      keep(r.snapshot);
      track(r.timers);
    }
  };
  step('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' });
  step('MATCH', { taalniveau: 'b1', coach: 'Ans' }, 7);
  step('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
  fire(5); // the start moment begins the introduction
  signAll();
  fire(70);
  step('LEERROUTE_AFGESPROKEN', {
    duur: '18',
    leerroute: 'Niveau 2 in 18 maanden',
    dagdelen: ['ma-ochtend', 'wo-middag', 'do-ochtend'],
    coach: 'Ans',
    coordinator: 'Mieke',
  });
  signAll();
  step('ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion', zorgstageStart: '2027-09-01' }, 300);
  step('STARTGESPREK_GEVOERD', {
    startgesprekDatum: '2027-09-02',
    zorgstageBegeleider: 'Petra Willems',
    tussenevaluatieGepland: '2027-09-02',
    eindevaluatieGepland: '2027-09-02',
  });
  step('ZORGSTAGE_EVALUEREN', { zorgstageEvaluatie: 'Werkt zorgvuldig' }, 30);
  signAll();
  step('DIPLOMA', { diplomaDatum: '2028-02-20' }, 120);
  step('UITSTROOM_VASTLEGGEN', { uitstroom: 'werk', uitstroomNaar: 'Proteion' });
  if (s.status !== 'done') throw new Error('not done');
  return steps;
}

const tasks = [
  'intakePlannen',
  'intake',
  'inschrijving',
  'tienWeken',
  'leerroute',
  'zorgstageStart',
  'startgesprek',
  'evaluatie',
  'diploma',
  'uitstroom',
];

/** The same trajectory as BPMN for bpmn-engine: ten user tasks (one per step), a gateway on the intake. */
export const studentBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="wlb" targetNamespace="http://wlb">
  <process id="studentTraject" isExecutable="true">
    <startEvent id="aanmelding" />
    ${tasks
      .filter((t) => t !== 'intake')
      .map((t) => `<userTask id="${t}" />`)
      .join('\n    ')}
    <userTask id="intake" />
    <exclusiveGateway id="match" default="toInschrijving" />
    <endEvent id="afgewezen" />
    <endEvent id="uitgestroomd" />
    <sequenceFlow id="f0" sourceRef="aanmelding" targetRef="intakePlannen" />
    <sequenceFlow id="f1" sourceRef="intakePlannen" targetRef="intake" />
    <sequenceFlow id="f2" sourceRef="intake" targetRef="match" />
    <sequenceFlow id="toAfgewezen" sourceRef="match" targetRef="afgewezen">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.geenMatch}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toInschrijving" sourceRef="match" targetRef="inschrijving" />
    ${tasks
      .slice(2, -1)
      .map((t, i) => `<sequenceFlow id="s${i}" sourceRef="${t}" targetRef="${tasks[i + 3]}" />`)
      .join('\n    ')}
    <sequenceFlow id="end" sourceRef="uitstroom" targetRef="uitgestroomd" />
  </process>
</definitions>`;

/** One instance through bpmn-engine, its state serialised after every step. Returns the steps. */
export async function walkBpmn(): Promise<number> {
  const engine = new Engine({ name: 'studentTraject', source: studentBpmn });
  const listener = new EventEmitter();
  let steps = 0;
  const ended = new Promise<void>((resolve, reject) => {
    engine.once('end', () => resolve());
    engine.once('error', reject);
  });
  listener.on('wait', async (api: { signal: (m?: unknown) => void; id: string }) => {
    JSON.parse(JSON.stringify(await engine.getState()));
    steps++;
    api.signal({ form: { by: 'docent', at: new Date().toISOString() } });
  });
  await engine.execute({ listener, variables: { geenMatch: false } });
  await ended;
  return steps;
}

export async function peerComparison(seconds: number) {
  const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;
  const measure = async (walk: () => number | Promise<number>) => {
    let steps = 0;
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    while (performance.now() < end) steps += await walk();
    return steps / ((performance.now() - start) / 1000);
  };
  const ours = await measure(() => walkStudent(def));
  const peer = await measure(walkBpmn);
  return { ours, peer, items: checklistItems(def, '*').length };
}
