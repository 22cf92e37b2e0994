import type { EntityManager } from '@mikro-orm/core';
import {
  asksPlace,
  holdsPlace,
  nameInMessage,
  placeEvent,
  placeFor,
  placeSteps,
  waitingOrder,
  type Definition,
  type Message,
  type OtherCase,
  type Place,
  type PersistedSnapshot,
  type Viewer,
} from '../../engine';
import type { CaseReader } from '../db/case-store';
import { Case, Site } from '../db/entities';
import { appError } from '../errors';
import { latestVersions } from './definitions';

/** A case as places are counted for it: where it is, its data, and since when. */
type Counted = { id: string; state: string; snapshot: PersistedSnapshot };

const counted = (c: Counted) => ({
  id: c.id,
  state: c.state,
  data: c.snapshot.context.data,
  enteredAt: c.snapshot.context.enteredAt,
});

/** A site's own numbers of places, per workflow key; a workflow not named has its definition's capacity. */
export async function sitePlaces(em: EntityManager, site: string): Promise<Record<string, number>> {
  const s = await em.findOne(Site, { id: site }, { fields: ['places'] });
  return s?.places ?? {};
}

/** The places of a workflow at a site: the site's own number, or the definition's (the report's 22 and 80). */
export function placesOf(def: Definition, own: Readonly<Record<string, number>>): number | undefined {
  return own[def.key] ?? def.reports?.capacity;
}

/**
 * The places for one change of a case, counted inside its transaction after the site's lock:
 * only when its step offers an action that asks for a free place.
 */
export async function placeInChange(
  em: EntityManager,
  reader: CaseReader,
  site: string,
  def: Definition,
  c: Counted,
): Promise<Place | undefined> {
  if (!def.reports?.capacity || !asksPlace(def, c.snapshot.value)) return undefined;
  const places = placesOf(def, await sitePlaces(em.fork(), site));
  await reader.lockPlaces(site, def.key);
  return placeFor(def, counted(c), await reader.othersIn(site, def.key, c.id, placeSteps(def)), places);
}

/** The places for a case among the open cases already read (the worklist's), without another query. */
export function placeAmong(
  def: Definition,
  c: Counted,
  open: readonly (Counted & { workflowKey: string; title: string; outcome?: string | null })[],
  own: Readonly<Record<string, number>>,
): Place | undefined {
  if (!def.reports?.capacity || !asksPlace(def, c.snapshot.value)) return undefined;
  const others = open
    .filter((o) => o.workflowKey === def.key && !o.outcome)
    .map((o) => ({ ...counted(o), title: o.title }));
  return placeFor(def, counted(c), others, placesOf(def, own));
}

/** The open cases of a workflow that hold or wait for a place, read outside any change. */
async function placeCases(
  em: EntityManager,
  site: string,
  def: Definition,
): Promise<(OtherCase & { revision: number })[]> {
  const $or = placeSteps(def).flatMap((s) => [{ state: s }, { state: { $like: `${s}.%` } }]);
  const rows = await em.find(
    Case,
    { site, workflowKey: def.key, outcome: null, $or },
    { fields: ['id', 'title', 'state', 'snapshot', 'revision'] },
  );
  return rows.map((r) => ({ ...counted(r), title: r.title, revision: r.revision }));
}

/**
 * The places as they stand for a case shown now (its actions say whether one is free for it).
 * `em` is asked for only when the case's step asks for a place: most answers need no fork.
 */
export async function placeNow(
  em: () => EntityManager,
  site: string,
  def: Definition,
  c: Counted,
): Promise<Place | undefined> {
  if (!def.reports?.capacity || !asksPlace(def, c.snapshot.value)) return undefined;
  const reader = em();
  return placeFor(def, counted(c), await placeCases(reader, site, def), placesOf(def, await sitePlaces(reader, site)));
}

export interface WaitingList {
  workflow: string;
  title: Message;
  places?: number;
  taken: number;
  free: number;
  entries: {
    id: string;
    name: string;
    position: number;
    since: string;
    days: number;
    /** First in line for a free place: the action that gives it is allowed. */
    offered: boolean;
    /** The action that takes the place (e.g. PLAATS_AANBIEDEN). */
    event?: string;
    revision: number;
  }[];
}

/**
 * The site's waiting lists, one per workflow that has one, first come first served: who waits,
 * since when, and who is offered the places that are free now. Names as the reader may see them.
 */
export async function waitingLists(
  em: EntityManager,
  who: Viewer & { site: string },
  now: Date,
): Promise<WaitingList[]> {
  const own = await sitePlaces(em, who.site);
  const out: WaitingList[] = [];
  for (const wv of await latestVersions(em, who.site)) {
    const def = wv.definition;
    if (!def.reports?.waitingIn) continue;
    const cases = await placeCases(em, who.site, def);
    const places = placesOf(def, own);
    const taken = cases.filter((c) => holdsPlace(def, c.state, c.data)).length;
    const queue = waitingOrder(def, cases);
    const free = places === undefined ? queue.length : Math.max(0, places - taken);
    out.push({
      workflow: def.key,
      title: { nl: def.title.nl, en: def.title.en || def.title.nl },
      places,
      taken,
      free,
      entries: queue.map((c, i) => {
        const since = c.enteredAt ?? now.toISOString();
        const event = placeEvent(def, c.state);
        return {
          id: c.id,
          name: nameInMessage(def, c, who),
          position: i + 1,
          since,
          days: Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 86_400_000)),
          offered: i < free,
          ...(event ? { event } : {}),
          revision: c.revision,
        };
      }),
    });
  }
  return out;
}

/** A manager sets the places of one of the site's workflows; `null` gives it back its definition's number. */
export async function setPlaces(
  em: EntityManager,
  site: string,
  workflow: string,
  places: number | null,
): Promise<Record<string, number>> {
  const known = (await latestVersions(em, site)).find((v) => v.key === workflow);
  if (!known?.definition.reports?.capacity)
    throw appError('INVALID_FORM', 'Deze workflow heeft geen plaatsen', 'This workflow has no places', [
      { path: 'body.workflow', message: { nl: 'Kies een workflow met plaatsen', en: 'Choose a workflow with places' } },
    ]);
  const { [workflow]: _old, ...rest } = await sitePlaces(em, site);
  const next = places === null ? rest : { ...rest, [workflow]: places };
  await em.nativeUpdate(Site, { id: site }, { places: Object.keys(next).length ? next : null });
  return next;
}
