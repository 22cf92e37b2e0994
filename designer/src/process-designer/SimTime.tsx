import { useState } from 'react';
import {
  addDuration,
  caseTime,
  describeDuration,
  eventLabel,
  formatDate,
  say,
  type Definition,
  type TimeOptions,
} from '../../../engine';
import type { Locale } from '../../../engine/text';
import { DurationInput } from './RuleBuilder';
import type { DesignerWords } from './model/words';
import { timeWords } from './model/time-words';
import { nextTimer, passTime, type Passed, type SimClock } from './model/time';

/**
 * Time in a test run: the test date, the case's timers and deadlines in words, and letting time
 * pass, to the next timer or by a chosen amount, with what happened on the way (timers that
 * fired, deadlines that passed).
 */
export function SimTime({
  def,
  locale,
  w,
  clock,
  options,
  passed,
  onPass,
  onFail,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  clock: SimClock;
  /** The site's calendar: the test run's dates are the site's. */
  options: TimeOptions;
  /** What happened while time last passed, when that was the last step. */
  passed?: Passed[];
  onPass: (clock: SimClock, passed: Passed[], what: string) => void;
  onFail: (error: string) => void;
}) {
  const tw = timeWords[locale];
  const [amount, setAmount] = useState('1w');
  const time = caseTime(def, clock.snapshot, clock.now, options);
  const next = nextTimer(clock);
  const date = (iso: string | Date) => formatDate(new Date(iso).getTime(), locale, options.calendar);
  const go = (until: Date, what: string) => {
    const r = passTime(def, clock, until, options);
    if (!r.ok) return onFail(say(r.message, locale));
    onPass(r.clock, r.passed, what);
  };
  const span = say(describeDuration(amount), locale);
  return (
    <section className="sim-time" aria-label={tw.timeNow}>
      <h4>{tw.timeNow}</h4>
      <p>
        {tw.testDate}: <strong data-testid="sim-date">{date(clock.now)}</strong>
      </p>
      {(time.timers.length > 0 || time.deadlines.length > 0) && (
        <ul className="plain" data-testid="sim-time">
          {time.timers.map((t) => (
            <li key={t.id}>⏱ {say(t.text, locale)}</li>
          ))}
          {time.deadlines.map((d) => (
            <li key={d.id} className={d.overdue ? 'late' : d.soon ? 'soon' : undefined}>
              ⚑ {say(d.text, locale)}
              {d.overdue && <span className="flag late">{tw.late}</span>}
              {d.soon && <span className="flag soon">{tw.soon}</span>}
            </li>
          ))}
        </ul>
      )}
      <h4>{tw.passTime}</h4>
      {next && (
        <p>
          <button
            type="button"
            onClick={() => go(new Date(Math.max(Date.parse(next.due), clock.now.getTime())), tw.toNextTimer)}
          >
            {tw.toNextTimer}: {say(eventLabel(def, next.event), locale, next.event)} ({date(next.due)})
          </button>
        </p>
      )}
      <div className="rule-row sim-pass">
        <DurationInput value={amount} w={w} label={tw.amount} onChange={setAmount} />
        <button
          type="button"
          onClick={() =>
            go(new Date(addDuration(clock.now.getTime(), amount, options.calendar)), `${tw.letPass}: ${span}`)
          }
        >
          {tw.letPass}: {span}
        </button>
      </div>
      {passed && (
        <div data-testid="sim-passed">
          <h5>{tw.passed}</h5>
          {passed.length === 0 ? (
            <p className="muted">{tw.nothingPassed}</p>
          ) : (
            <ul className="plain">
              {passed.map((p, i) => (
                <li key={i}>
                  {date(p.at)}: {p.kind === 'deadline' ? tw.deadlinePassed : tw.timerFired} · {say(p.label, locale)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
