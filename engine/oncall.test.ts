import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { OnCallSchema, defaultOnCall, onCallOn } from './oncall';
import { escalationDue, helpAnswer } from './signals';

describe('the on-call rota and a call for help', () => {
  const onCall = { rota: { ma: 'ahmed', di: 'ilse' }, escalateAfterMinutes: 5 };

  it('names the coördinator of the weekday, and nobody on a day left open or at the weekend', () => {
    expect(onCallOn(onCall, '2026-11-30')).toBe('ahmed');
    expect(onCallOn(onCall, '2026-12-01')).toBe('ilse');
    expect(onCallOn(onCall, '2026-12-02')).toBeUndefined();
    expect(onCallOn(onCall, '2026-12-05')).toBeUndefined();
    expect(onCallOn(defaultOnCall, '2026-11-30')).toBeUndefined();
  });

  it('takes only weekdays and sensible minutes', () => {
    expect(Value.Check(OnCallSchema, onCall)).toBe(true);
    expect(Value.Check(OnCallSchema, { rota: { za: 'ahmed' }, escalateAfterMinutes: 5 })).toBe(false);
    expect(Value.Check(OnCallSchema, { rota: {}, escalateAfterMinutes: 0 })).toBe(false);
  });

  it('escalates at the minute, not before', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    expect(escalationDue(at, new Date('2026-12-01T09:04:59Z'), 5)).toBe(false);
    expect(escalationDue(at, new Date('2026-12-01T09:05:00Z'), 5)).toBe(true);
  });

  it('answers the student in the words of what they asked', () => {
    expect(helpAnswer('kom-nu', 'Ahmed')).toEqual({ nl: 'Ahmed komt eraan', en: 'Ahmed is on the way' });
    expect(helpAnswer('bel-me', 'Ahmed').nl).toBe('Ahmed belt je');
  });
});
