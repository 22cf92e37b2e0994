import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { everyWorkflow } from '../test/support/fixtures';
import { shippedWorkflows } from '../workflows';
import { durationFromIso, isoDuration, juelOf, ruleFromCondition } from './bpmn';
import { toBpmn } from './bpmn-export';
import { fromBpmn } from './bpmn-import';
import type { Definition } from './definition';
import { diffDefinitions } from './diff';
import { portableDefinition } from './package';
import { validateDefinition } from './validate';

const all = everyWorkflow;

describe('BPMN export', () => {
  it('round-trips every shipped workflow and variant with no difference', async () => {
    for (const def of all()) {
      const xml = toBpmn(def);
      const back = await fromBpmn(xml);
      expect(back.ok, JSON.stringify(!back.ok && back.problems)).toBe(true);
      if (!back.ok) continue;
      expect(back.complete).toBe(true);
      expect(back.warnings).toEqual([]);
      expect(diffDefinitions(portableDefinition(def), back.definition)).toEqual([]);
      expect(back.definition).toEqual(portableDefinition(def));
      expect(toBpmn(back.definition)).toBe(xml);
    }
  });

  it('writes BPMN that bpmn-moddle (the parser of Camunda Modeler and bpmn.io) reads without a warning, with a shape or edge for every element', async () => {
    for (const def of all()) {
      const xml = toBpmn(def);
      const { warnings } = await new BpmnModdle().fromXML(xml);
      expect(warnings).toEqual([]);
      const ids = [
        ...xml.matchAll(
          /<bpmn:(?!definitions|process|extensionElements|incoming|outgoing|documentation|conditionExpression|timeDuration|escalation\b)[A-Za-z]+ id="([^"]+)"/g,
        ),
      ]
        .map((m) => m[1])
        .filter((id) => !/_(time|message|throw|catch)$/.test(id) || !xml.includes(`EventDefinition id="${id}"`));
      const drawn = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
      expect(ids.filter((id) => !drawn.has(id))).toEqual([]);
    }
  });

  it.runIf(existsSync('/usr/bin/xmllint'))('validates against the OMG BPMN 2.0 schema', () => {
    const xsd = join(process.cwd(), 'node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd');
    const dir = mkdtempSync(join(tmpdir(), 'bpmn-'));
    for (const def of all()) {
      const file = join(dir, `${def.key}.bpmn`);
      writeFileSync(file, toBpmn(def));
      expect(execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' }).toString()).toBe('');
    }
  });

  it('draws steps, actions, timers and sub-processes in BPMN idiom', () => {
    const xml = toBpmn(shippedWorkflows().find((d) => d.key === 'student-traject')!);
    expect(xml).toContain('<bpmn:userTask id="wlb_intake" name="Intake">');
    expect(xml).toContain('<bpmn:subProcess id="wlb_opleiding" name="Opleiding Helpende zorg en welzijn">');
    expect(xml).toContain('<bpmn:intermediateCatchEvent id="wlb_opleiding.leerbedrijf.school.introductie.lopend"');
    expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P10W</bpmn:timeDuration>');
    expect(xml).toContain('<bpmn:endEvent id="wlb_uitgestroomd"');
    expect(xml).toMatch(/<bpmn:subProcess id="wlb_everywhere" name="Vanuit elke stap" triggeredByEvent="true">/);
    expect(xml).toMatch(
      /<bpmn:escalationEventDefinition id="wlb_escalation_\d+_catch" escalationRef="wlb_escalation_\d+"\/>/,
    );
    expect(xml).toContain('<bpmndi:BPMNShape id="wlb_opleiding_di" bpmnElement="wlb_opleiding" isExpanded="true">');
  });
});

describe('BPMN words', () => {
  it('writes and reads ISO 8601 durations, refusing months and years', () => {
    expect(isoDuration('10w')).toBe('P10W');
    expect(isoDuration('1w3d')).toBe('P1W3D');
    expect(isoDuration('1m30s')).toBe('PT1M30S');
    expect(isoDuration('1s250ms')).toBe('PT1.25S');
    expect(durationFromIso('P10W')).toEqual({ duration: '10w' });
    expect(durationFromIso('P3DT12H')).toEqual({ duration: '3d12h' });
    expect(durationFromIso('PT1.5S')).toEqual({ duration: '1s500ms' });
    expect(durationFromIso('P6M')).toEqual({ error: 'months' });
    expect(durationFromIso('R3/PT1H')).toEqual({ error: 'invalid' });
  });

  it('reads simple conditions as rules and writes rules that only compare as JUEL', () => {
    expect(ruleFromCondition('${score >= 5}')).toMatchObject({ rule: { field: 'score', op: 'gte', value: 5 } });
    expect(ruleFromCondition('=status = "goed"')).toMatchObject({ rule: { field: 'status', op: 'eq', value: 'goed' } });
    expect(ruleFromCondition('${akkoord && bedrag < 100}')).toMatchObject({
      rule: {
        all: [
          { field: 'akkoord', op: 'eq', value: true },
          { field: 'bedrag', op: 'lt', value: 100 },
        ],
      },
    });
    expect(ruleFromCondition('${!akkoord}')).toMatchObject({
      rule: { not: { field: 'akkoord', op: 'eq', value: true } },
    });
    for (const code of ['${a > 1 && b < 2 || c}', '${execution.getVariable("x")}', '${a.b == 1}', '${x + 1 > 2}'])
      expect(ruleFromCondition(code), code).toHaveProperty('error');
    expect(juelOf({ field: 'taalniveau', op: 'in', value: ['b1', 'b2'] })).toBe(
      "${taalniveau == 'b1' || taalniveau == 'b2'}",
    );
    expect(juelOf({ checklist: 'opleiding' })).toBeUndefined();
  });
});

export const validates = (def: Definition) => validateDefinition(def).filter((p) => p.severity === 'error');
