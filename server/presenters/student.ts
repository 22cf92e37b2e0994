import {
  endsCase,
  groupActivityKinds,
  halfDayCodes,
  halfDayLabel,
  indexStates,
  openChecklist,
  ownData,
  progress,
  relevantItems,
  say,
  stateLabel,
  weekdayName,
  weekdays,
  type Definition,
  type Field,
  type GroupActivityKind,
  type Locale,
  type PlanCase,
  type TimeOptions,
  type WeekPlan,
} from '../../engine';
import type { CaseRecord } from '../db/case-store';
import type { IGroupActivity } from '../db/entities';
import type { PortfolioViewT, StudentWeekT } from '../contract';
import { nameOf, type Names } from './users';

/**
 * The student's own view, in plain Dutch (B1, the report's language condition) or English: what
 * is signed and by whom, what is still missing per phase, and their week. Built only from what
 * is theirs to see: no field the definition keeps for staff, no note, no signal's text.
 */

type Own = Pick<CaseRecord, 'id' | 'title' | 'state' | 'snapshot'>;

const yesNo = { nl: ['ja', 'nee'], en: ['yes', 'no'] } as const;

/** A value as a person reads it: an option's label, ja/nee, a list joined. */
function shown(field: Field, value: unknown, locale: Locale): string {
  const label = (v: unknown) => {
    const o = field.options?.find((x) => x.value === v);
    return o ? say(o.label, locale) : String(v);
  };
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'boolean') return yesNo[locale][value ? 0 : 1];
  return label(value);
}

function summary(p: { done: boolean; onTrack: boolean; signed: number; total: number }, locale: Locale): string {
  const missing = p.total - p.signed;
  if (locale === 'en') {
    if (p.done) return 'Your programme is finished.';
    const count = `You have ${p.signed} of ${p.total} parts signed.`;
    if (!p.onTrack) return `${count} You are a little behind. Talk about it with your teacher.`;
    return missing ? `${count} You are on track.` : `${count} Everything is signed.`;
  }
  if (p.done) return 'Je opleiding is klaar.';
  const count = `Je hebt ${p.signed} van de ${p.total} onderdelen afgetekend.`;
  if (!p.onTrack) return `${count} Je loopt wat achter. Praat erover met je docent.`;
  return missing ? `${count} Je ligt op schema.` : `${count} Alles is afgetekend.`;
}

export function presentPortfolio(
  c: Own,
  def: Definition,
  locale: Locale,
  now: Date,
  names: Names,
  activities: Pick<IGroupActivity, 'kind' | 'title' | 'date'>[],
  options: TimeOptions = {},
): PortfolioViewT {
  const relevant = relevantItems(def, c.snapshot);
  const counts = new Set(relevant.map((i) => i.id));
  const p = progress(def, c.snapshot, now, relevant, options.calendar);
  const current = new Set(openChecklist(def, c.snapshot).map((i) => i.id));
  const signed = c.snapshot.context.checklist ?? {};
  const phases: PortfolioViewT['phases'] = [];
  for (const entry of indexStates(def).byPath.values()) {
    const items = (entry.config.meta?.checklist ?? []).filter((i) => counts.has(i.id));
    if (!items.length) continue;
    phases.push({
      step: entry.path,
      label: say(stateLabel(def, entry.path), locale),
      current: items.some((i) => current.has(i.id)),
      items: items.map((i) => {
        const s = signed[i.id];
        return {
          id: i.id,
          label: say(i.label, locale),
          ...(s ? { signed: { byName: nameOf(names, s.by, locale), at: s.at } } : {}),
        };
      }),
      missing: items.filter((i) => !signed[i.id]).length,
    });
  }
  const done = endsCase(def, c.state);
  const onTrack = !p.behind;
  const data = ownData(def, c.snapshot.context.data);
  return {
    caseId: c.id,
    name: c.title,
    workflowTitle: say(def.title, locale),
    stateLabel: say(stateLabel(def, c.state), locale),
    done,
    signed: p.signed,
    total: p.total,
    ...(p.plannedEnd ? { plannedEnd: p.plannedEnd } : {}),
    ...(p.elapsed !== undefined ? { elapsed: p.elapsed } : {}),
    onTrack,
    summary: summary({ done, onTrack, signed: p.signed, total: p.total }, locale),
    phases,
    details: Object.entries(def.fields)
      .filter(([name]) => name in data && data[name] !== null && data[name] !== '')
      .map(([name, field]) => ({
        field: name,
        label: say(field.label, locale),
        value: shown(field, data[name], locale),
      })),
    // The evaluation is the group's, and may name the others: the student sees what and when.
    activities: activities.map((a) => ({
      kindLabel: say(groupActivityKinds[a.kind as GroupActivityKind], locale, a.kind),
      title: a.title,
      date: a.date,
    })),
  };
}

/** A resident's first name only: the student knows them by it. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** The street of an address, without the house number or the town: where to go, nothing more. */
const streetOf = (address: unknown) =>
  typeof address === 'string' ? (address.split(',')[0].match(/^[^\d]*/)?.[0] ?? '').trim() : '';

function visit(client: PlanCase, locale: Locale) {
  const p = client.def.planning;
  const helpField = p?.helpField ? client.def.fields[p.helpField] : undefined;
  const help = p?.helpField ? client.data[p.helpField] : undefined;
  return {
    firstName: firstName(client.title),
    street: streetOf(p?.addressField ? client.data[p.addressField] : undefined),
    help:
      helpField && help !== undefined && help !== null
        ? (Array.isArray(help) ? help : [help]).map((h) => shown({ ...helpField, type: 'enum' }, h, locale))
        : [],
  };
}

/**
 * The student's own row of the week's board: lessons, their visits (only the residents whose
 * help with them runs, never a paused one; first name, street and the kind of help, never the
 * phone, history or notes), free half-days in the wijk, closed days.
 */
export function presentStudentWeek(
  plan: WeekPlan,
  student: string,
  locale: Locale,
  onCall?: { username: string; displayName: string },
): StudentWeekT {
  const row = plan.rows.find((r) => r.student.id === student);
  return {
    monday: plan.monday,
    days: plan.days.map((d, i) => ({
      date: d.date,
      label: say(weekdayName(weekdays[i]), locale),
      ...(d.closed ? { closed: say(d.closed, locale) } : {}),
      halfDays: halfDayCodes
        .filter((code) => code.startsWith(`${weekdays[i]}-`))
        .map((code) => {
          const cell = row?.cells.find((c) => c.halfDay === code && c.date === d.date);
          const visits = (cell?.clients ?? []).filter((s) => !s.paused).map((s) => visit(s.client, locale));
          const kind = !cell ? 'geen' : cell.kind === 'klant' ? (visits.length ? 'wijk' : 'vrij') : cell.kind;
          return {
            halfDay: code,
            label: say(halfDayLabel(code), locale),
            kind,
            ...(cell?.lesson ? { lesson: say(cell.lesson, locale) } : {}),
            visits,
          };
        }),
    })),
    ...(onCall ? { onCall } : {}),
  };
}
