import { describe, expect, it } from 'vitest';
import { applyEvent, fireTimer, position, startCase, type PersistedSnapshot, type TimerEffects } from './cases';
import type { Definition } from './definition';
import { fromScxml, toScxml } from './scxml';
import { validateDefinition } from './validate';

/**
 * SCXML as other statechart tools write it, each document with the states it should be in after
 * each event, as the W3C algorithm says. Every document is imported, validated and run by the
 * engine; `⏱` lets the earliest timer come due. An event no active state takes is discarded, as
 * in SCXML. States are named by their SCXML ids.
 */
interface Run {
  name: string;
  xml: string;
  /** The active atomic states at the start, then after each event. */
  steps: [event: string | null, active: string[]][];
}

const corpus: Run[] = [
  {
    name: 'the plainest document, with the lower-case event of the issue',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" initial="a">
      <state id="a"><transition event="t" target="b"/></state>
      <state id="b"><transition event="t" target="c"/></state>
      <final id="c"/>
    </scxml>`,
    steps: [
      [null, ['a']],
      ['t', ['b']],
      ['t', ['c']],
    ],
  },
  {
    name: 'Qt Creator: its editor namespace, camelCase events, a timer cancelled on exit',
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" binding="early" xmlns:qt="http://www.qt.io/2015/02/scxml-ext" name="TrafficLight" qt:editorversion="4.10.0" datamodel="ecmascript" initial="red">
    <qt:editorinfo initialGeometry="-21.26;-97.34;-20;-20;40;40"/>
    <state id="red">
        <qt:editorinfo scenegeometry="120.44;-6.55;60.44;-56.55;120;100" geometry="120.44;-6.55;-60;-50;120;100"/>
        <onentry>
            <send event="startGoingGreen" delay="3s" id="startGoingGreenId"/>
        </onentry>
        <onexit>
            <cancel sendid="startGoingGreenId"/>
        </onexit>
        <transition type="external" event="startGoingGreen" target="redGoingGreen"/>
        <transition type="external" event="switchOff" target="off"/>
    </state>
    <state id="redGoingGreen">
        <onentry>
            <send event="goGreen" delay="1s" id="goGreenId"/>
        </onentry>
        <onexit>
            <cancel sendid="goGreenId"/>
        </onexit>
        <transition type="external" event="goGreen" target="green"/>
    </state>
    <state id="green">
        <transition type="external" event="switchOff" target="off"/>
    </state>
    <final id="off"/>
</scxml>`,
    steps: [
      [null, ['red']],
      ['⏱', ['redGoingGreen']],
      ['⏱', ['green']],
      ['startGoingGreen', ['green']],
      ['switchOff', ['off']],
    ],
  },
  {
    name: "SCION style: dotted events and SCXML's prefix matching",
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="idle">
      <state id="idle">
        <transition event="upload" target="uploading"/>
        <transition event="error.network error.disk" target="failed"/>
      </state>
      <state id="uploading">
        <transition event="upload.done" target="done"/>
        <transition event="upload" target="idle"/>
        <transition event="error" target="failed"/>
      </state>
      <state id="failed"><transition event="retry.*" target="uploading"/></state>
      <final id="done"/>
    </scxml>`,
    steps: [
      [null, ['idle']],
      ['upload.done', ['uploading']],
      ['error.network', ['failed']],
      ['retry', ['uploading']],
      ['upload.progress', ['idle']],
      ['upload', ['uploading']],
      ['upload.done', ['done']],
    ],
  },
  {
    name: 'eventless transitions (W3C style): a chain taken at once, an eventless step after an event',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" datamodel="null">
      <state id="s0"><transition target="s1"/></state>
      <state id="s1"><transition event="go" target="s2"/></state>
      <state id="s2"><transition target="s3"/></state>
      <state id="s3"><transition target="pass"/></state>
      <final id="pass"/>
    </scxml>`,
    steps: [
      [null, ['s1']],
      ['go', ['pass']],
    ],
  },
  {
    name: 'targetless transitions stay, and may raise',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="editing">
      <state id="editing">
        <transition event="note"/>
        <transition event="save"><raise event="saved"/></transition>
        <transition event="saved" target="review"/>
      </state>
      <state id="review"><transition event="note" target="editing"/></state>
    </scxml>`,
    steps: [
      [null, ['editing']],
      ['note', ['editing']],
      ['save', ['review']],
      ['note', ['editing']],
    ],
  },
  {
    name: 'internal and external transitions to a child: only the external one enters the parent again',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="p">
      <state id="p" initial="x">
        <onentry><raise event="entered"/></onentry>
        <transition event="internal" type="internal" target="y"/>
        <transition event="external" target="y"/>
        <state id="x"><transition event="next" target="y"/></state>
        <state id="y"><transition event="entered" target="z"/></state>
        <state id="z"/>
      </state>
    </scxml>`,
    steps: [
      [null, ['x']],
      ['internal', ['y']],
      ['external', ['z']],
    ],
  },
  {
    name: 'scxmlgui style (layout in comments): shallow and deep history',
    xml: `<scxml initial="work" version="0.9" xmlns="http://www.w3.org/2005/07/scxml"><!--   node-size-and-position x=0 y=0 w=400 h=300  -->
 <state id="work" initial="a"><!--   node-size-and-position x=20 y=40 w=200 h=200  -->
  <history id="hShallow" type="shallow"><transition target="a"></transition></history>
  <history id="hDeep" type="deep"><transition target="a"></transition></history>
  <state id="a"><transition event="next" target="b"></transition></state>
  <state id="b" initial="b1">
   <state id="b1"><transition event="next" target="b2"></transition></state>
   <state id="b2"></state>
  </state>
  <transition event="pause" target="paused"></transition>
 </state>
 <state id="paused">
  <transition event="resumeShallow" target="hShallow"></transition>
  <transition event="resumeDeep" target="hDeep"></transition>
 </state>
</scxml>`,
    steps: [
      [null, ['a']],
      ['next', ['b1']],
      ['next', ['b2']],
      ['pause', ['paused']],
      ['resumeShallow', ['b1']],
      ['next', ['b2']],
      ['pause', ['paused']],
      ['resumeDeep', ['b2']],
    ],
  },
  {
    name: 'parallel regions and done.state of the parallel state',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="both">
      <parallel id="both">
        <state id="left" initial="l1">
          <state id="l1"><transition event="left.done" target="lEnd"/></state>
          <final id="lEnd"/>
        </state>
        <state id="right" initial="r1">
          <state id="r1"><transition event="right.done" target="rEnd"/></state>
          <final id="rEnd"/>
        </state>
        <transition event="done.state.both" target="after"/>
      </parallel>
      <final id="after"/>
    </scxml>`,
    steps: [
      [null, ['l1', 'r1']],
      ['right.done', ['l1', 'rEnd']],
      ['left.done', ['after']],
    ],
  },
  {
    name: 'done.state of a compound state and the initial element',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml">
      <state id="form">
        <initial><transition target="name"/></initial>
        <state id="address"><transition event="next" target="complete"/></state>
        <state id="name"><transition event="next" target="address"/></state>
        <final id="complete"/>
        <transition event="done.state.form" target="sent"/>
      </state>
      <final id="sent"/>
    </scxml>`,
    steps: [
      [null, ['name']],
      ['next', ['address']],
      ['next', ['sent']],
    ],
  },
  {
    name: '<raise> in the order the W3C algorithm gives: entry raises, then eventless, then the queue',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="s0">
      <state id="s0">
        <onentry><raise event="foo"/><raise event="bar"/></onentry>
        <transition event="foo" target="s1"/>
        <transition event="bar" target="fail"/>
      </state>
      <state id="s1">
        <transition event="bar" target="pass"/>
        <transition event="foo" target="fail"/>
      </state>
      <final id="pass"/>
      <final id="fail"/>
    </scxml>`,
    steps: [[null, ['pass']]],
  },
  {
    name: 'a wildcard, several descriptors on one transition, and the first matching in document order',
    xml: `<scxml xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
      <state id="waiting">
        <transition event="stop halt" target="stopped"/>
        <transition event="ping"/>
      </state>
      <state id="stopped">
        <transition event="ping" target="waiting"/>
        <transition event="*" target="gone"/>
      </state>
      <final id="gone"/>
    </scxml>`,
    steps: [
      [null, ['waiting']],
      ['ping', ['waiting']],
      ['halt', ['stopped']],
      ['ping', ['waiting']],
      ['stop', ['stopped']],
      ['halt', ['gone']],
    ],
  },
  {
    name: 'the SCXML namespace under a prefix, and delays in seconds and milliseconds',
    xml: `<sc:scxml xmlns:sc="http://www.w3.org/2005/07/scxml" version="1.0" initial="a">
      <sc:state id="a">
        <sc:onentry><sc:send event="quick" delay="250ms"/><sc:send event="slow" delay="1.5s"/></sc:onentry>
        <sc:transition event="quick" target="b"/>
        <sc:transition event="slow" target="c"/>
      </sc:state>
      <sc:state id="b">
        <sc:onentry><sc:send event="later" delay="1.5s"/></sc:onentry>
        <sc:transition event="later" target="c"/>
      </sc:state>
      <sc:final id="c"/>
    </sc:scxml>`,
    steps: [
      [null, ['a']],
      ['⏱', ['b']],
      ['⏱', ['c']],
    ],
  },
];

/** Documents with code: refused, each at its place. */
const withCode: [name: string, xml: string, path: string][] = [
  [
    'a condition',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><transition event="go" cond="x &gt; 1" target="b"/></state><state id="b"/></scxml>',
    'a.transition[go].cond',
  ],
  [
    'a data model',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml" datamodel="ecmascript"><datamodel><data id="count" expr="0"/></datamodel><state id="a"/></scxml>',
    'datamodel',
  ],
  [
    'a script on entry',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onentry><script>count++</script></onentry></state></scxml>',
    'a.onentry.script',
  ],
  [
    'an assignment in a transition',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><transition event="go" target="b"><assign location="x" expr="1"/></transition></state><state id="b"/></scxml>',
    'a.transition[go].assign',
  ],
  [
    'an if on entry',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onentry><if cond="true"><raise event="x"/></if></onentry></state></scxml>',
    'a.onentry.if',
  ],
  [
    'an invoked service',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><invoke type="http://www.w3.org/TR/scxml/" src="other.scxml"/></state></scxml>',
    'a.invoke',
  ],
  [
    'a message to another system',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onentry><send event="x" target="http://example.org/hook"/></onentry></state></scxml>',
    'a.onentry.send',
  ],
  [
    'an event computed by an expression',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onentry><send eventexpr="\'x\'"/></onentry></state></scxml>',
    'a.onentry.send.eventexpr',
  ],
  [
    'a delay computed by an expression',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onentry><send event="x" delayexpr="d"/></onentry><transition event="x" target="b"/></state><state id="b"/></scxml>',
    'a.onentry.send.delayexpr',
  ],
  [
    'data returned by a final state',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><transition event="go" target="f"/></state><final id="f"><donedata><param name="x" expr="1"/></donedata></final></scxml>',
    'f.donedata',
  ],
  [
    'a foreach loop on exit',
    '<scxml xmlns="http://www.w3.org/2005/07/scxml"><state id="a"><onexit><foreach array="xs" item="x"/></onexit></state></scxml>',
    'a.onexit.foreach',
  ],
];

function machineDefinition(machine: Definition['machine']): Definition {
  return {
    key: 'uit-ander-gereedschap',
    subject: 'client',
    title: { nl: 'Uit ander gereedschap' },
    titleField: 'naam',
    fields: { naam: { type: 'string', label: { nl: 'Naam' } } },
    startForm: [],
    machine,
  };
}

const t0 = new Date('2026-09-01T09:00:00Z');
const who = { role: 'manager' as const };
const ids = (def: Definition, s: PersistedSnapshot) =>
  position(def, s)
    .active.map((p) => p.split('.').pop()!)
    .sort();

describe('SCXML from other tools, run by the engine', () => {
  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_, run) => {
    const read = fromScxml(run.xml);
    expect(read.ok, JSON.stringify(!read.ok && read.problems)).toBe(true);
    if (!read.ok) return;
    const def = machineDefinition(read.machine);
    expect(validateDefinition(def).filter((p) => p.severity === 'error')).toEqual([]);
    const start = startCase(def, {}, t0);
    if (!start.ok) throw new Error(JSON.stringify(start));
    let s = start.snapshot;
    let now = t0;
    const timers: TimerEffects['schedule'] = [...start.timers.schedule];
    const follow = (effects: TimerEffects) => {
      for (const id of [...effects.cancel, ...effects.schedule.map((x) => x.id)]) {
        const i = timers.findIndex((x) => x.id === id);
        if (i >= 0) timers.splice(i, 1);
      }
      timers.push(...effects.schedule);
    };
    for (const [event, expected] of run.steps) {
      if (event === '⏱') {
        timers.sort((a, b) => a.due.localeCompare(b.due));
        const due = timers.shift()!;
        now = new Date(due.due);
        const r = fireTimer(def, s, due.event, now);
        if (!r.ok) throw new Error(r.message.en);
        s = r.snapshot;
        follow(r.timers);
      } else if (event !== null) {
        const r = applyEvent(def, s, { type: event }, who, now);
        if (r.ok) {
          s = r.snapshot;
          follow(r.timers);
        } else expect(['UNKNOWN_EVENT', 'EVENT_NOT_ALLOWED'], `${event}: ${r.message.en}`).toContain(r.code);
      }
      expect(ids(def, s), `after ${event ?? 'the start'}`).toEqual([...expected].sort());
    }
    // What the engine read, it writes again and reads back the same.
    const again = fromScxml(toScxml(def));
    expect(again.ok && again.machine).toEqual(read.machine);
  });

  it.each(withCode)('refuses %s at its place, in Dutch with what to use instead', (_, xml, path) => {
    const read = fromScxml(xml);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const here = read.problems.find((p) => p.path === path);
    expect(here, JSON.stringify(read.problems)).toBeDefined();
    expect(here!.message.nl).toMatch(/wordt niet gelezen|verstuurt een workflow niet/);
  });

  it('keeps the name an event had as its label and alias, and says where the engine differs from SCXML', () => {
    const read = fromScxml(`<scxml xmlns="http://www.w3.org/2005/07/scxml" name="Upload Flow">
      <state id="a">
        <onentry><send event="kick"/><log expr="'hi'"/></onentry>
        <transition event="kick" target="b"/>
        <transition event="error.execution" target="b"/>
      </state>
      <state id="b"><transition event="startPressed" target="a"/></state>
    </scxml>`);
    expect(read.ok, JSON.stringify(!read.ok && read.problems)).toBe(true);
    if (!read.ok) return;
    expect(read.machine.id).toBe('Upload_Flow');
    expect(read.machine.aliases).toEqual({
      KICK: 'kick',
      ERROR_EXECUTION: 'error.execution',
      START_PRESSED: 'startPressed',
    });
    expect(read.machine.states.b.on?.START_PRESSED).toMatchObject({ meta: { label: { nl: 'startPressed' } } });
    expect(read.warnings.map((w) => w.path)).toEqual([
      'a.onentry.send',
      'a.onentry.log',
      'a.transition[error.execution]',
    ]);
  });
});
