import { Type, type Static } from '@sinclair/typebox';
import { Day } from './common';

const FiguresProps = {
  started: Type.Integer(),
  diplomas: Type.Integer(),
  /** Diplomas over those who finished or left, 0–1; absent while nobody has. */
  rate: Type.Optional(Type.Number()),
  destinations: Type.Record(Type.String(), Type.Integer()),
  toDestination: Type.Integer({ description: 'With a diploma to work or further education' }),
  without: Type.Integer({ description: 'Left without a diploma' }),
  reasons: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  running: Type.Integer(),
};
const Figures = Type.Object(FiguresProps);
const Group = Type.Object({ key: Type.String(), label: Type.String(), ...FiguresProps });

export const OutcomesResponse = Type.Object({
  period: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
  target: Type.Optional(Type.Number()),
  totals: Figures,
  byCohort: Type.Array(Group),
  groupField: Type.Optional(Type.String()),
  byGroup: Type.Array(Group),
  flow: Type.Array(
    Type.Object({
      workflow: Type.String(),
      state: Type.String(),
      label: Type.String(),
      open: Type.Integer(),
      stays: Type.Integer(),
      medianDays: Type.Optional(Type.Number()),
      p25Days: Type.Optional(Type.Number()),
      p75Days: Type.Optional(Type.Number()),
    }),
  ),
  exits: Type.Array(
    Type.Object({ workflow: Type.String(), state: Type.String(), label: Type.String(), count: Type.Integer() }),
  ),
  capacity: Type.Array(
    Type.Object({
      workflow: Type.String(),
      title: Type.String(),
      now: Type.Integer(),
      places: Type.Optional(Type.Integer()),
      minimum: Type.Optional(Type.Integer()),
      warning: Type.Boolean(),
    }),
  ),
  care: Type.Array(
    Type.Object({
      hours: Type.Number({ description: 'Hours of the help sessions recorded as done in the period' }),
      plannedHalfDays: Type.Integer({
        description: 'The half-days the plan promised while the help ran (pauses left out); no hours assumed',
      }),
      target: Type.Optional(Type.Number()),
      from: Type.String(),
      to: Type.String(),
      clients: Type.Integer({ description: 'Clients helped in a session done in the period' }),
      sessions: Type.Integer(),
    }),
  ),
});
export type OutcomesResponseT = Static<typeof OutcomesResponse>;

export const OutcomesQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day) },
  { additionalProperties: false },
);

export const csvTables = ['cohorts', 'groups', 'flow', 'exits'] as const;
export const CsvQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), table: Type.Union(csvTables.map((t) => Type.Literal(t))) },
  { additionalProperties: false },
);
