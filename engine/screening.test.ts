import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { screenedTitle, titleFor, titleHidden, visibleData } from './screening';

const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const docent = { role: 'staff' as const, function: 'docent' as const };
const coordinator = { role: 'staff' as const, function: 'coordinator' as const };
const c = { id: '0123456789abcdef', title: 'Riet de Vries' };

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
});
