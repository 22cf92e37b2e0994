import type { Message } from './text';

/** One thing wrong, with where it is (a dotted path) and what, in both languages. */
export interface Problem {
  path: string;
  message: Message;
  severity: 'error' | 'warning';
}

export function problem(path: string, nl: string, en: string, severity: Problem['severity'] = 'error'): Problem {
  return { path, message: { nl, en }, severity };
}
