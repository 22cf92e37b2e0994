import { Type, type Static } from '@sinclair/typebox';

/** A text shown to people: Dutch first (required), English second. */
export const TextSchema = Type.Object(
  { nl: Type.String({ minLength: 1 }), en: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type Text = Static<typeof TextSchema>;

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A message in both languages, built by the engine (reasons, problems). */
export interface Message {
  nl: string;
  en: string;
}

export function say(text: Text | Message | undefined, locale: Locale, fallback = ''): string {
  if (!text) return fallback;
  return (locale === 'en' ? text.en : undefined) || text.nl || fallback;
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'nl';
}
