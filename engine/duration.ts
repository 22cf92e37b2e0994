import type { Message } from './text';

const unitMs = { w: 7 * 24 * 3600_000, d: 24 * 3600_000, h: 3600_000, m: 60_000, s: 1000, ms: 1 } as const;
const words: Record<keyof typeof unitMs, [string, string, string, string]> = {
  w: ['week', 'weken', 'week', 'weeks'],
  d: ['dag', 'dagen', 'day', 'days'],
  h: ['uur', 'uur', 'hour', 'hours'],
  m: ['minuut', 'minuten', 'minute', 'minutes'],
  s: ['seconde', 'seconden', 'second', 'seconds'],
  ms: ['milliseconde', 'milliseconden', 'millisecond', 'milliseconds'],
};

function parts(duration: string): [keyof typeof unitMs, number][] {
  return [...duration.matchAll(/(\d+)(ms|[wdhms])/g)].map((m) => [m[2] as keyof typeof unitMs, Number(m[1])]);
}

/** "10w" → milliseconds. Weeks and days are calendar-free: 7 × 24 hours, 24 hours. */
export function durationMs(duration: string): number {
  return parts(duration).reduce((sum, [unit, n]) => sum + n * unitMs[unit], 0);
}

/** "1w3d" → "1 week en 3 dagen" / "1 week and 3 days". */
export function describeDuration(duration: string): Message {
  const p = parts(duration);
  const list = (lang: 0 | 2, and: string) => {
    const items = p.map(([u, n]) => `${n} ${n === 1 ? words[u][lang] : words[u][lang + 1]}`);
    return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}` : (items[0] ?? '0');
  };
  return { nl: list(0, 'en'), en: list(2, 'and') };
}

/** Milliseconds in the definition's words, largest units first: 90,000 → "1m30s", 250 → "250ms". */
export function durationOf(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const unit of Object.keys(unitMs) as (keyof typeof unitMs)[]) {
    const n = Math.floor(rest / unitMs[unit]);
    if (n) out += `${n}${unit}`;
    rest -= n * unitMs[unit];
  }
  return out || '0ms';
}
