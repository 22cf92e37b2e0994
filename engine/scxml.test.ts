import { describe, expect, it } from 'vitest';
import { everyWorkflow, introWorkflow } from '../test/support/fixtures';
import { canonicalJson } from './canonical';
import { diffDefinitions } from './diff';
import { transitionsOf, type Definition, type TransitionConfig } from './definition';
import { fromScxml, toScxml } from './scxml';
import { indexStates, resolveTarget } from './tree';
import { validateDefinition } from './validate';

/** The machine with every target written as the absolute path it resolves to. */
function resolved(def: Definition): string {
  const copy = structuredClone(def);
  const index = indexStates(def);
  const copyIndex = indexStates(copy);
  for (const entry of [index.root, ...index.byPath.values()]) {
    const target = entry.path ? copyIndex.byPath.get(entry.path)!.config : undefined;
    const fix = (t: TransitionConfig) => {
      if (t.target !== undefined) t.target = `#${resolveTarget(def, entry, t.target)?.path}`;
    };
    const on = entry.path ? target!.on : copy.machine.on;
    for (const t of Object.values(on ?? {})) transitionsOf(t).forEach(fix);
    for (const t of Object.values(target?.after ?? {})) transitionsOf(t).forEach(fix);
    if (target?.always) transitionsOf(target.always).forEach(fix);
    if (target?.type === 'history' && target.target)
      target.target = `#${resolveTarget(def, entry, target.target)?.path}`;
  }
  return canonicalJson(copy.machine);
}

const all = everyWorkflow;

describe('SCXML', () => {
  it('round-trips every shipped workflow and variant to an equivalent machine', () => {
    for (const def of all()) {
      const xml = toScxml(def);
      const back = fromScxml(xml);
      expect(back.ok, JSON.stringify(!back.ok && back.problems)).toBe(true);
      if (!back.ok) continue;
      const again: Definition = { ...def, machine: back.machine };
      expect(validateDefinition(again).filter((p) => p.severity === 'error')).toEqual([]);
      expect(resolved(again)).toBe(resolved(def));
      expect(diffDefinitions(def, again)).toEqual([]);
      expect(back.warnings).toEqual([]);
      expect(toScxml(again)).toBe(xml);
    }
  });

  it('writes plain SCXML a statechart tool understands: states by path, timers as delayed sends', () => {
    const xml = toScxml(introWorkflow);
    expect(xml).toContain('<scxml xmlns="http://www.w3.org/2005/07/scxml"');
    expect(xml).toContain('<state id="introductie" initial="introductie.lopend"');
    expect(xml).toContain('<send event="wlb.after.10w" delay="6048000s" id="introductie.lopend.wlb.after.10w"/>');
    expect(xml).toContain('<cancel sendid="introductie.lopend.wlb.after.10w"/>');
    expect(xml).toContain('<transition event="wlb.after.10w" target="introductie.besluit"');
    expect(xml).toContain('<final id="klaar"');
  });

  it("reads another tool's SCXML: initial elements, parallel and final states, a delay in seconds", () => {
    const back = fromScxml(`<?xml version="1.0"?>
      <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" name="verlof">
        <state id="aanvraag">
          <onentry><send event="verlopen" delay="172800s"/></onentry>
          <transition event="GOEDKEUREN" target="loopt"/>
          <transition event="verlopen" target="af"/>
        </state>
        <parallel id="loopt">
          <state id="werk"><initial><transition target="overdracht"/></initial>
            <state id="overdracht"><transition event="KLAAR" target="af"/></state>
          </state>
          <state id="thuis"/>
        </parallel>
        <final id="af"/>
      </scxml>`);
    expect(back.ok, JSON.stringify(!back.ok && back.problems)).toBe(true);
    if (!back.ok) return;
    expect(back.machine.initial).toBe('aanvraag');
    expect(back.machine.states.aanvraag.after).toEqual({ '2d': { target: '#verlof.af' } });
    expect(back.machine.states.aanvraag.on).toEqual({
      GOEDKEUREN: { target: '#verlof.loopt', meta: { label: { nl: 'GOEDKEUREN' } } },
    });
    expect(back.machine.states.loopt).toMatchObject({
      type: 'parallel',
      states: { werk: { initial: 'overdracht' }, thuis: {} },
    });
    expect(back.machine.states.af).toMatchObject({ type: 'final', meta: { label: { nl: 'af' } } });
  });

  it("takes our export's own names (wlb:event, wlb.after.*) only where the grammar allows them", () => {
    // A tampered file must neither throw nor reach a prototype: such a name is read as another tool's.
    const read =
      fromScxml(`<scxml xmlns="http://www.w3.org/2005/07/scxml" xmlns:wlb="https://wijkleerbedrijf.nl/scxml" name="x">
      <state id="a">
        <onentry><send event="wlb.after.__proto__" delay="90s" id="t"/></onentry>
        <onexit><cancel sendid="t"/></onexit>
        <transition event="wlb.after.__proto__" target="b"/>
        <transition event="go" wlb:event="__proto__" target="b"/>
        <transition event="stop" wlb:event="constructor" target="b"/>
      </state>
      <final id="b"/>
    </scxml>`);
    expect(read.ok, JSON.stringify(!read.ok && read.problems)).toBe(true);
    if (!read.ok) return;
    const a = read.machine.states.a;
    expect(Object.keys(a.after ?? {})).toEqual(['1m30s']);
    expect(Object.keys(a.on ?? {}).sort()).toEqual(['GO', 'STOP']);
    expect(Object.getPrototypeOf(a.on)).toBe(Object.prototype);
    const def = { ...introWorkflow, machine: read.machine } as Definition;
    expect(validateDefinition(def).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses entities, code, and what it cannot carry out, each with its place', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><scxml name="x"><state id="a">&lol2;</state></scxml>`;
    const cases: [string, string][] = [
      [laughs, '(root)'],
      [
        '<scxml name="x"><state id="a"><transition event="GO" target="b" cond="x &gt; 1"/></state><state id="b"/></scxml>',
        'a.transition[GO].cond',
      ],
      ['<scxml name="x"><state id="a"><script>process.exit()</script></state></scxml>', 'a.script'],
      [
        '<scxml name="x"><state id="a"><onentry><assign location="x" expr="1"/></onentry></state></scxml>',
        'a.onentry.assign',
      ],
      [
        '<scxml name="x"><state id="a"><transition event="GO" target="b c"/></state><state id="b"/><state id="c"/></scxml>',
        'a.transition[GO]',
      ],
      ['<scxml name="x"><state id="a"><transition event="GO" target="nergens"/></state></scxml>', 'a.transition[GO]'],
      // Eventless transitions are read (as `always`); one without a target would loop, so it is refused.
      ['<scxml name="x"><state id="a"><transition/></state></scxml>', 'a.transition'],
      [
        '<scxml name="x"><state id="a"><transition event="GO" target="a" wlb:rule="{kapot"/></state></scxml>',
        'a.transition[GO].rule',
      ],
      [`<scxml name="x">${'<state id="s">'.repeat(80)}${'</state>'.repeat(80)}</scxml>`, '(root)'],
      ['<scxml name="x"><state id="a">', '(root)'],
      ['{"geen": "xml"}', '(root)'],
      [`<scxml name="x"><state id="a" wlb:meta="${'x'.repeat(1024 * 1024)}"/></scxml>`, '(root)'],
    ];
    for (const [xml, path] of cases) {
      const r = fromScxml(xml);
      expect(r.ok, xml.slice(0, 80)).toBe(false);
      if (!r.ok)
        expect(
          r.problems.map((p) => p.path),
          xml.slice(0, 80),
        ).toContain(path);
    }
  });
});
