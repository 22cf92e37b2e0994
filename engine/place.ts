import { transitionsOf, type Definition, type StateConfig, type TransitionConfig } from './definition';
import { describeTimer } from './timer-key';
import type { Message } from './text';
import { stateLabel } from './tree';

/**
 * Where a path of a definition points, in words a manager finds it by: "Stap 'Intake', naam
 * (Engels)", "Veld 'Taalniveau', keuze 2", "Actie 'Match' in stap 'Intake', omschrijving". A
 * problem that names its place this way can be told from another one on the same kind of text.
 */
export function placeOf(def: Definition, path: string): Message {
  const parts = path.replace(/^definition\./, '').split('.');
  if (parts[0] === 'fields' && parts[1]) {
    const field = def.fields[parts[1]];
    const name = q(field?.label, parts[1]);
    return join({ nl: `Veld ${name.nl}`, en: `Field ${name.en}` }, textPart(parts.slice(2), field?.options));
  }
  if (parts[0] !== 'machine') return join(topPart(parts[0]), textPart(parts.slice(1)));
  const keys: string[] = [];
  let i = 1;
  let state: StateConfig | undefined = def.machine as StateConfig;
  while (parts[i] === 'states' && parts[i + 1] !== undefined) {
    keys.push(parts[i + 1]);
    state = state?.states?.[parts[i + 1]];
    i += 2;
  }
  const step = keys.length ? stateLabel(def, keys.join('.')) : undefined;
  const where: Message = step
    ? { nl: `stap '${step.nl}'`, en: `step '${step.en}'` }
    : { nl: 'elke stap', en: 'every step' };
  const rest = parts.slice(i);
  if ((rest[0] === 'on' || rest[0] === 'after') && rest[1]) {
    const list = state?.[rest[0]]?.[rest[1]];
    const options = list === undefined ? [] : transitionsOf(list as TransitionConfig | TransitionConfig[]);
    const nth = /^\d+$/.test(rest[2] ?? '') ? Number(rest[2]) : 0;
    const label = options[nth]?.meta?.label;
    const what: Message =
      rest[0] === 'after'
        ? { nl: `Timer ${describeTimer(def, rest[1]).nl}`, en: `Timer ${describeTimer(def, rest[1]).en}` }
        : { nl: `Actie ${q(label, rest[1]).nl}`, en: `Action ${q(label, rest[1]).en}` };
    const more = rest.slice(/^\d+$/.test(rest[2] ?? '') ? 3 : 2);
    return join({ nl: `${what.nl} in ${where.nl}`, en: `${what.en} in ${where.en}` }, textPart(more));
  }
  const own: Message = step
    ? { nl: `Stap '${step.nl}'`, en: `Step '${step.en}'` }
    : { nl: 'Het proces', en: 'The process' };
  if (rest[0] === 'meta' && rest[1] === 'checklist' && /^\d+$/.test(rest[2] ?? '')) {
    const item = state?.meta?.checklist?.[Number(rest[2])];
    const name = q(item?.label, String(Number(rest[2]) + 1));
    return join(
      { nl: `${own.nl}, aftekenpunt ${name.nl}`, en: `${own.en}, sign-off item ${name.en}` },
      textPart(rest.slice(3)),
    );
  }
  return join(own, textPart(rest[0] === 'meta' ? rest.slice(1) : rest));
}

const q = (t: { nl: string; en?: string } | undefined, fallback: string): Message => ({
  nl: `'${t?.nl ?? fallback}'`,
  en: `'${t?.en || t?.nl || fallback}'`,
});

const language: Record<string, Message> = {
  nl: { nl: 'Nederlands', en: 'Dutch' },
  en: { nl: 'Engels', en: 'English' },
};

/** The text inside a piece: its name or description, in one language; a choice of a field. */
function textPart(rest: string[], options?: { label: { nl: string; en?: string } }[]): Message | undefined {
  const [what, lang] = rest;
  if (what && language[what]) return { nl: `in het ${language[what].nl}`, en: `in ${language[what].en}` };
  const tongue = lang && language[lang] ? ` (${language[lang].nl})` : '';
  const tongueEn = lang && language[lang] ? ` (${language[lang].en})` : '';
  if (what === 'label') return { nl: `naam${tongue}`, en: `name${tongueEn}` };
  if (what === 'description') return { nl: `omschrijving${tongue}`, en: `description${tongueEn}` };
  if (what === 'options' && /^\d+$/.test(lang ?? '')) {
    const n = Number(lang);
    const label = options?.[n]?.label;
    const inner = textPart(rest.slice(2));
    return {
      nl: `keuze ${label ? `'${label.nl}'` : n + 1}${inner ? `, ${inner.nl}` : ''}`,
      en: `choice ${label ? `'${label.en || label.nl}'` : n + 1}${inner ? `, ${inner.en}` : ''}`,
    };
  }
  return undefined;
}

function topPart(key: string): Message {
  const names: Record<string, Message> = {
    title: { nl: 'De titel', en: 'The title' },
    description: { nl: 'De beschrijving', en: 'The description' },
    startForm: { nl: 'Het startformulier', en: 'The start form' },
    reports: { nl: 'De rapportage', en: 'The report' },
  };
  return names[key] ?? { nl: key, en: key };
}

function join(a: Message, b: Message | undefined): Message {
  return b ? { nl: `${a.nl}, ${b.nl}`, en: `${a.en}, ${b.en}` } : a;
}
