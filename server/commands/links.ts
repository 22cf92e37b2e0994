import type { EntityManager } from '@mikro-orm/core';
import {
  inSteps,
  say,
  stateLabel,
  titleFor,
  transitionsOf,
  type Definition,
  type Exclusive,
  type Locale,
  type Viewer,
} from '../../engine';
import { Case } from '../db/entities';
import { findCase } from './cases';
import { latestVersions, type DefinitionCache } from './definitions';

/** Every rule across cases a definition declares (on any action), e.g. the matched student. */
function exclusives(def: Definition): Exclusive[] {
  const out: Exclusive[] = [];
  const visit = (states: Definition['machine']['states']) => {
    for (const s of Object.values(states)) {
      for (const t of Object.values(s.on ?? {}))
        for (const tr of transitionsOf(t)) if (tr.meta?.exclusive) out.push(tr.meta.exclusive);
      if (s.states) visit(s.states);
    }
  };
  visit(def.machine.states);
  return out;
}

function optionLabels(def: Definition, field: string, values: unknown, locale: Locale): string[] {
  const options = def.fields[field]?.options ?? [];
  return (Array.isArray(values) ? values : []).map((v) =>
    say(options.find((o) => o.value === v)?.label, locale, String(v)),
  );
}

/**
 * The cases linked to this one through rules across cases: for a client, the matched student and
 * half-days; for a student, the clients helped and on which half-days.
 */
export async function caseLinks(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { site: string },
  id: string,
  locale: Locale,
) {
  const site = who.site;
  const c = await findCase(em, site, id);
  const def = await cache.get(em, c.workflow.id);
  const data = c.snapshot.context.data;

  const references = [];
  for (const ex of exclusives(def)) {
    const ref =
      typeof data[ex.field] === 'string' ? await em.findOne(Case, { id: data[ex.field] as string, site }) : null;
    if (!ref) continue;
    const refDef = await cache.get(em, ref.workflow.id);
    references.push({
      field: ex.field,
      label: say(def.fields[ex.field]?.label, locale, ex.field),
      case: {
        id: ref.id,
        title: titleFor(refDef, ref, who, locale),
        stateLabel: say(stateLabel(refDef, ref.state), locale),
      },
      overlap: optionLabels(def, ex.overlap, data[ex.overlap], locale),
      overlapValues: Array.isArray(data[ex.overlap]) ? (data[ex.overlap] as string[]) : [],
    });
  }

  const referencedBy = [];
  const subject = def.subject;
  const latest = await latestVersions(em, site);
  for (const wv of latest) {
    for (const ex of exclusives(wv.definition).filter((e) => e.refersTo === subject)) {
      const others = await em.find(Case, { site, workflowKey: wv.key, outcome: null }, { orderBy: { title: 'asc' } });
      for (const o of others) {
        const od = o.snapshot.context.data;
        if (od[ex.field] !== c.id || !inSteps(o.state, ex.activeIn)) continue;
        const oDef = await cache.get(em, o.workflow.id);
        referencedBy.push({
          id: o.id,
          title: titleFor(oDef, o, who, locale),
          workflow: say(oDef.title, locale),
          stateLabel: say(stateLabel(oDef, o.state), locale),
          overlap: optionLabels(oDef, ex.overlap, od[ex.overlap], locale),
          overlapValues: Array.isArray(od[ex.overlap]) ? (od[ex.overlap] as string[]) : [],
        });
      }
    }
  }
  return { references, referencedBy };
}
