import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import {
  nameInMessage,
  noteHidden,
  screenedFilter,
  screenedTitle,
  sortByShownName,
  titleFor,
  titleHidden,
  visibleData,
  visibleHistoryData,
  ownData,
  staffOnlyFields,
} from './screening';

const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const docent = { role: 'staff' as const, function: 'docent' as const };
const coordinator = { role: 'staff' as const, function: 'coordinator' as const };
const c = { id: '0123456789abcdef', title: 'Riet de Vries' };
const nobody = { role: 'staff' as const };

describe('screening personal data in answers', () => {
  it("names a case by the start of its id to whoever may not see its title field, in the caller's language", () => {
    expect(titleHidden(client, docent)).toBe(true);
    expect(titleFor(client, c, docent, 'nl')).toBe('afgeschermd · 01234567');
    expect(titleFor(client, c, docent, 'en')).toBe('screened · 01234567');
    expect(screenedTitle(c.id, 'nl')).toBe(titleFor(client, c, docent, 'nl'));
    expect(titleHidden(client, coordinator)).toBe(false);
    expect(titleFor(client, c, coordinator, 'nl')).toBe('Riet de Vries');
  });

  it('leaves out the personal values the caller may not see and names only those that had a value', () => {
    const data = { naam: 'Riet', adres: 'Kerkstraat 1', soortHulp: 'boodschappen' };
    expect(visibleData(client, data, docent)).toEqual({
      data: { soortHulp: 'boodschappen' },
      hidden: ['naam', 'adres'],
    });
    const seen = visibleData(client, data, coordinator);
    expect(seen).toEqual({ data, hidden: [] });
  });

  it('names a screened case in a message by # and the start of its id, in both languages alike', () => {
    expect(nameInMessage(client, c, docent)).toBe('#01234567');
    expect(nameInMessage(client, c, coordinator)).toBe('Riet de Vries');
  });

  it('sorts by the name shown, so screened rows come out in the order of their ids, not their names', () => {
    const rows = [
      { id: 'b0000000', name: 'Anna' },
      { id: 'a0000000', name: 'Zeger' },
    ];
    const shown = (sees: boolean) =>
      sortByShownName(rows, (r) => ({ name: sees ? r.name : screenedTitle(r.id, 'nl'), id: r.id }), 'nl').map(
        (r) => r.id,
      );
    expect(shown(true)).toEqual(['b0000000', 'a0000000']);
    expect(shown(false)).toEqual(['a0000000', 'b0000000']);
  });

  it("hides a note's text from whoever may not see the personal fields, and names it in hidden", () => {
    const note = { event: 'note', data: { text: 'Notitie over schulden', meeting: true } };
    expect(noteHidden(client, docent)).toBe(true);
    expect(visibleHistoryData(client, note, docent)).toEqual({ data: { meeting: true }, hidden: ['text'] });
    expect(visibleHistoryData(client, note, coordinator)).toEqual({ data: note.data, hidden: [] });
    // Only a note's text: a field that happens to be called text is screened as a field.
    expect(visibleHistoryData(client, { event: 'X', data: { text: 'gewoon' } }, nobody).data).toEqual({
      text: 'gewoon',
    });
  });

  it('refuses a filter on a screened field, naming its label and who may see it, never its value', () => {
    const refused = screenedFilter(client, ['naam', 'soortHulp'], docent, (f) => `querystring.${f}`);
    expect(refused?.message.nl).toBe(
      'Filteren op afgeschermde persoonsgegevens (Naam) kan niet; alleen coördinator of projectleider mag die zien',
    );
    expect(refused?.details).toEqual([expect.objectContaining({ path: 'querystring.naam' })]);
    expect(screenedFilter(client, ['naam'], coordinator, String)).toBeUndefined();
    expect(screenedFilter(client, ['soortHulp'], nobody, String)).toBeUndefined();
  });
});

describe("a case's data as its own person sees it", () => {
  it('keeps every field but those the definition marks staff-only', () => {
    const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;
    const data = {
      naam: 'Sanne',
      telefoon: '06-1',
      intakeVerslag: 'spanning thuis',
      belemmeringen: ['financieel'],
      coach: 'Ans',
    };
    expect(ownData(def, data)).toEqual({ naam: 'Sanne', telefoon: '06-1', coach: 'Ans' });
    expect([...staffOnlyFields(def)].sort()).toEqual(['behoefte', 'belemmeringen', 'intakeVerslag', 'redenAfwijzing']);
  });
});
