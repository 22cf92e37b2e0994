import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { groupActivityEvent } from './history';
import { erasedText, pseudonymiseHistoryData, withoutPersonOf } from './pseudonym';

const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const sanne = { naam: 'Sanne van Dijk', noodcontact: 'Marja van Dijk 06-12345678', taalniveau: 'op-weg-naar-b1' };

describe("a group's free text with one person taken out", () => {
  it("replaces their name, its words and their emergency contact's, and leaves the others and the language", () => {
    const text = 'Sanne van Dijk en Ahmed gingen mee; sanne vroeg de gids van de Kamer veel, en belde Marja.';
    expect(withoutPersonOf(student, sanne, text, 'Pseudoniem 1a2b3c4d')).toBe(
      'Pseudoniem 1a2b3c4d en Ahmed gingen mee; Pseudoniem 1a2b3c4d vroeg de gids van de Kamer veel, en belde Pseudoniem 1a2b3c4d.',
    );
  });

  it('replaces whole words only, and changes nothing of someone with no personal words', () => {
    expect(withoutPersonOf(student, sanne, 'Sannes moeder en Dijkstra kwamen ook', 'P')).toBe(
      'Sannes moeder en Dijkstra kwamen ook',
    );
    expect(withoutPersonOf(student, { taalniveau: 'b1' }, 'Sanne kwam', 'P')).toBe('Sanne kwam');
  });

  it("erases the evaluation from the person's own history row of the activity, and keeps the rest", () => {
    const row = {
      event: groupActivityEvent,
      data: { activity: 3, title: 'Tweede Kamer', evaluation: 'Sanne vroeg veel' },
    };
    expect(pseudonymiseHistoryData(student, row, 'P')).toEqual({
      activity: 3,
      title: 'Tweede Kamer',
      evaluation: erasedText,
    });
  });
});
