import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { cohort, replay, type Driver } from '../workflows/cohort';
import { Walk } from '../workflows/walk';
import type { Definition } from './definition';
import { position } from './cases';
import { replayCase, replayCases, type RecordedCase } from './replay';
import { stateLabel } from './tree';

const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
// The docent alone signs the portfolio and awards the diploma; every step of the cohort's script is open to her.
const docent = { role: 'staff' as const, function: 'docent' as const, username: 'docent' };

/** Walks the report's cohort through the engine and keeps each case's history as the server records it. */
async function recordedCohort(def: Definition): Promise<RecordedCase[]> {
  const out: RecordedCase[] = [];
  for (const p of cohort()) {
    let walk: Walk | undefined;
    const d: Driver = {
      now: () => walk?.now ?? new Date(0),
      start: (data, at) => void (walk = new Walk(def, data, docent, at)),
      act: (type, data) => void walk!.do(type, data),
      wait: (days) => void walk!.wait(days),
      signPhase: () => void walk!.signPhase(),
    };
    await replay(p, d);
    const here = position(def, walk!.s);
    out.push({
      id: p.name,
      title: p.name,
      version: 1,
      state: here.state,
      stateLabel: here.label.nl,
      done: here.done,
      events: walk!.log,
    });
  }
  return out;
}

const histories = await recordedCohort(student);

/** The student trajectory with an extra rule on an action, as a manager would build it. */
function withRule(on: string, event: string, rule: NonNullable<Definition['reports']>['started']): Definition {
  const d = structuredClone(student);
  const state = on
    .split('.')
    .reduce<{ states?: Record<string, unknown> }>(
      (s, k) => s.states![k] as { states?: Record<string, unknown> },
      d.machine as never,
    ) as { on: Record<string, { guard?: unknown }> };
  const t = state.on[event];
  state.on[event] = { ...t, guard: { type: 'rule', params: rule } };
  return d;
}

describe('replaying recorded histories against a draft', () => {
  it('lets every case of the cohort through its own published version, ending where it really is', () => {
    const { results, summary } = replayCases(student, histories);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(results.every((r) => r.state === r.actual.state && r.done)).toBe(true);
    expect(summary).toMatchObject({ cases: 52, ok: 52, refused: 0, unknown: 0, elsewhere: 0, stops: [] });
    expect(summary.text.nl).toBe('Van 52 dossiers zou het concept geen enkele stap weigeren.');
  });

  it('reports the cases a new rule would block, where and why, and says it in one sentence', () => {
    const draft = withRule('inschrijving', 'INGESCHREVEN', { field: 'behoudUitkering', op: 'exists' });
    const { results, summary } = replayCases(draft, histories);
    const blocked = results.filter((r) => r.status === 'refused');
    // Everyone without a benefit kept: the Gilde and WW students.
    const expected = cohort().filter((p) => ['gilde', 'ww'].includes(p.route) && p.ending.kind !== 'geen-match');
    expect(blocked.map((r) => r.id).sort()).toEqual(
      expected
        .filter((p) => p.ending.kind !== 'afgemeld')
        .map((p) => p.name)
        .sort(),
    );
    const first = blocked[0];
    expect(first.refusal).toMatchObject({
      event: 'INGESCHREVEN',
      eventLabel: { nl: 'Ingeschreven bij Gilde' },
      step: 'inschrijving',
      stepLabel: { nl: 'Inschrijving bij Gilde' },
    });
    expect(first.refusal!.reason.nl).toBe('Met behoud van uitkering is nog niet ingevuld');
    // It stands where the draft stopped it, not where it really went.
    expect(first).toMatchObject({ state: 'inschrijving', done: false });
    expect(first.replayed).toBe(first.refusal!.index);
    expect(summary.stops).toEqual([expect.objectContaining({ step: 'inschrijving', cases: blocked.length })]);
    expect(summary.text.nl).toBe(
      `Van 52 dossiers zouden er ${blocked.length} stoppen bij 'Inschrijving bij Gilde': ${first.refusal!.reason.nl}`,
    );
  });

  it('says where a case would wait when the draft has no timer in its step any more', () => {
    const draft = structuredClone(student);
    delete draft.machine.states.opleiding.states!.leerbedrijf.states!.school.states!.introductie.states!.lopend.after;
    draft.machine.states.opleiding.states!.leerbedrijf.states!.school.states!.introductie.states!.lopend.on = {
      DOORGAAN: { target: 'vaststellen', meta: { label: { nl: 'Doorgaan' } } },
    };
    const r = replayCase(
      draft,
      histories.find((h) => h.events.some((e) => e.timer))!,
    );
    expect(r.status).toBe('refused');
    expect(r.refusal!.reason.nl).toBe(
      "In het concept gaat in stap 'Opleiding Helpende zorg en welzijn › Bij het WijkLeerbedrijf › Onderwijs en stages › Introductieprogramma › Loopt (tien weken)' geen timer af: het dossier zou daar blijven wachten",
    );
    expect(r.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
  });

  it('fires the draft’s own timer of a step when its period changed, and refuses an action the step no longer has', () => {
    const longer = JSON.parse(JSON.stringify(student).replace(/"10w"/g, '"12w"')) as Definition;
    expect(replayCases(longer, histories).summary.ok).toBe(52);

    const without = structuredClone(student);
    delete without.machine.states.intake.on!.GEEN_MATCH;
    const refused = replayCases(without, histories).results.filter((r) => r.status === 'refused');
    expect(refused).toHaveLength(2);
    expect(refused[0].refusal!.reason.nl).toBe("Actie 'GEEN_MATCH' kan niet in stap 'Intake'");
  });

  it('does not judge what hangs on screened personal data, and changes no recorded history', () => {
    const draft = withRule('inschrijving', 'INGESCHREVEN', { field: 'geboortedatum', op: 'exists' });
    const screened = histories.map((h) => ({
      ...h,
      events: h.events.map((e, i) => (i === 0 ? { ...e, hidden: ['geboortedatum'] } : e)),
    }));
    const before = JSON.stringify(screened);
    const { summary } = replayCases(draft, screened);
    expect(summary.refused).toBe(0);
    expect(summary.unknown).toBeGreaterThan(0);
    expect(JSON.stringify(screened)).toBe(before);
    // Without the screening the same rule blocks them: they have no birth date.
    expect(replayCases(draft, histories).summary.refused).toBe(summary.unknown);
    expect(stateLabel(draft, 'inschrijving').nl).toBe('Inschrijving bij Gilde');
  });
});
