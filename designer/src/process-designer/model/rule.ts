import { indexStates, type Condition, type Definition, type Field, type Rule } from '../../../../engine';

/** The kinds of rule the builder offers; a rule's kind is its outermost piece. */
export type RuleKind = 'condition' | 'checklist' | 'time' | 'since' | 'place' | 'all' | 'any' | 'not';

export function kindOf(rule: Rule): RuleKind {
  if ('field' in rule) return 'condition';
  if ('checklist' in rule) return 'checklist';
  if ('timeInStep' in rule) return 'time';
  if ('timeSince' in rule) return 'since';
  if ('place' in rule) return 'place';
  if ('all' in rule) return 'all';
  if ('any' in rule) return 'any';
  return 'not';
}

/** The parts inside a rule: a group's list, a negation's one rule, none for a single piece. */
export function partsOf(rule: Rule): Rule[] {
  if ('all' in rule) return rule.all;
  if ('any' in rule) return rule.any;
  if ('not' in rule) return [rule.not];
  return [];
}

/** A first comparison on the field the manager chose: one that the validator accepts as it is. */
export function conditionFor(name: string, field: Field): Condition {
  switch (field.type) {
    case 'boolean':
      return { field: name, op: 'eq', value: true };
    case 'enum':
      return { field: name, op: 'eq', value: field.options?.[0]?.value ?? '' };
    case 'number':
      return { field: name, op: 'gte', value: field.min ?? 0 };
    default:
      return { field: name, op: 'exists' };
  }
}

/** A piece the manager has chosen, put in the kind of rule they asked for (a group or "niet" around it). */
export function ruleOfKind(kind: RuleKind, piece: Rule): Rule {
  if (kind === 'all') return { all: [piece] };
  if (kind === 'any') return { any: [piece] };
  if (kind === 'not') return { not: piece };
  return piece;
}

/**
 * The rule as another kind, keeping what was built: a group becomes the other group with the same
 * parts; anything becomes the one part of a new group or of "niet"; a single piece is the first
 * one of that kind inside the rule. Undefined when there is none to keep: then the builder asks.
 */
export function rekind(rule: Rule, to: RuleKind): Rule | undefined {
  const from = kindOf(rule);
  if (from === to) return rule;
  if ((to === 'all' || to === 'any') && (from === 'all' || from === 'any'))
    return to === 'all' ? { all: partsOf(rule) } : { any: partsOf(rule) };
  if (to === 'all' || to === 'any' || to === 'not') return ruleOfKind(to, rule);
  return firstOfKind(rule, to);
}

function firstOfKind(rule: Rule, kind: RuleKind): Rule | undefined {
  if (kindOf(rule) === kind) return rule;
  for (const part of partsOf(rule)) {
    const found = firstOfKind(part, kind);
    if (found) return found;
  }
  return undefined;
}

/** The steps that have a sign-off list (or contain steps that do): what "Aftekenlijst compleet" can name. */
export function checklistScopes(def: Definition) {
  const entries = [...indexStates(def).byPath.values()];
  return entries.filter((e) =>
    entries.some((x) => (x.path === e.path || x.path.startsWith(`${e.path}.`)) && x.config.meta?.checklist?.length),
  );
}
