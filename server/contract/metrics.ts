import { Type, type Static } from '@sinclair/typebox';
import { smallGroupMinimumRange } from '../../engine/small-groups';
import { Day } from './common';

/** A figure the caller is not shown: a group below the site's minimum, or one that would give it away. */
const Withheld = Type.Object(
  { withheld: Type.Union([Type.Literal('small'), Type.Literal('secondary')]) },
  { additionalProperties: false },
);
/** A count of people, or withheld for the stuurgroep. */
const Count = (options: { description?: string } = {}) => Type.Union([Type.Integer(), Withheld], options);
/** A rate, a duration or hours: withheld where a count it comes from is. */
const Amount = (options: { description?: string } = {}) => Type.Union([Type.Number(), Withheld], options);

const FiguresProps = {
  started: Count(),
  diplomas: Count(),
  /** Diplomas over those who finished or left, 0–1; absent while nobody has. */
  rate: Type.Optional(Amount()),
  destinations: Type.Record(Type.String(), Count()),
  toDestination: Count({ description: 'With a diploma to work or further education' }),
  without: Count({ description: 'Left without a diploma' }),
  reasons: Type.Array(Type.Object({ reason: Type.String(), count: Count() })),
  running: Count(),
  followUp: Type.Record(
    Type.String(),
    Type.Object({
      checked: Count({ description: 'Of those to work or further education: followed up at this moment' }),
      lasting: Count({ description: 'Still in work or education at this moment (lasting outflow)' }),
      returned: Count({ description: 'Back on benefits at this moment' }),
    }),
    { description: 'The follow-up after leaving, per moment (its field)' },
  ),
};
const Figures = Type.Object(FiguresProps);
const Group = Type.Object({ key: Type.String(), label: Type.String(), ...FiguresProps });

const ReciprocityProps = {
  agreements: Count({ description: 'Client agreements signed (their date in the period)' }),
  agreed: Count({ description: 'Of them, with a wederdienst agreed' }),
  gave: Count({ description: 'Of them, clients who recorded a wederdienst given' }),
  kinds: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), count: Count() }), {
    description: "The agreed ones by kind, in the kind field's order; kind '' for none recorded",
  }),
};

export const SmallGroups = Type.Object({
  minimum: Type.Integer({ description: 'A group smaller than this is withheld from the stuurgroep' }),
  applied: Type.Boolean({ description: 'Whether the figures of this answer were withheld so (for the stuurgroep)' }),
});

export const SmallGroupsBody = Type.Object(
  { minimum: Type.Integer({ ...smallGroupMinimumRange }) },
  { additionalProperties: false },
);

export const OutcomesResponse = Type.Object({
  period: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
  target: Type.Optional(Type.Number()),
  totals: Figures,
  byCohort: Type.Array(Group),
  groupField: Type.Optional(Type.String()),
  byGroup: Type.Array(Group),
  followUpMoments: Type.Array(Type.Object({ key: Type.String(), label: Type.String() }), {
    description: 'The follow-up moments (six and twelve months after leaving), in order',
  }),
  flow: Type.Array(
    Type.Object({
      workflow: Type.String(),
      state: Type.String(),
      label: Type.String(),
      open: Count(),
      stays: Count(),
      followUp: Type.Optional(
        Type.Literal(true, { description: 'A follow-up step: its open cases have left and are not running' }),
      ),
      medianDays: Type.Optional(Amount()),
      p25Days: Type.Optional(Amount()),
      p75Days: Type.Optional(Amount()),
    }),
  ),
  exits: Type.Array(
    Type.Object({ workflow: Type.String(), state: Type.String(), label: Type.String(), count: Count() }),
  ),
  capacity: Type.Array(
    Type.Object({
      workflow: Type.String(),
      title: Type.String(),
      now: Count(),
      places: Type.Optional(Type.Integer()),
      minimum: Type.Optional(Type.Integer()),
      warning: Type.Boolean(),
    }),
  ),
  waiting: Type.Array(
    Type.Object({
      workflow: Type.String(),
      title: Type.String(),
      steps: Type.Array(Type.String(), { description: 'The steps of the waiting list' }),
      count: Count({ description: 'Who waits for a place now' }),
      days: Type.Array(Type.Integer(), {
        description:
          'Each one’s days on the list, first come first first; empty for the stuurgroep (each is one person)',
      }),
      medianDays: Type.Optional(Amount({ description: 'The median of those days' })),
    }),
  ),
  care: Type.Array(
    Type.Object({
      hours: Amount({ description: 'Hours of the help sessions recorded as done in the period' }),
      plannedHalfDays: Amount({
        description: 'The half-days the plan promised while the help ran (pauses left out); no hours assumed',
      }),
      target: Type.Optional(Type.Number()),
      from: Type.String(),
      to: Type.String(),
      clients: Count({ description: 'Clients helped in a session done in the period' }),
      sessions: Count(),
    }),
  ),
  reciprocity: Type.Array(
    Type.Object({
      workflow: Type.String(),
      title: Type.String(),
      kindField: Type.Optional(
        Type.String({ description: 'The field that gives the kind, when the workflow has one' }),
      ),
      ...ReciprocityProps,
      byYear: Type.Array(Type.Object({ year: Type.String(), ...ReciprocityProps })),
    }),
    { description: 'The wederdienst (report 3.2 Wederkerigheid), per workflow: in all and per year of the agreement' },
  ),
  smallGroups: SmallGroups,
});
export type OutcomesResponseT = Static<typeof OutcomesResponse>;

export const OutcomesQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day) },
  { additionalProperties: false },
);

export const csvTables = ['cohorts', 'groups', 'followUp', 'flow', 'exits', 'reciprocity'] as const;
export const CsvQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), table: Type.Union(csvTables.map((t) => Type.Literal(t))) },
  { additionalProperties: false },
);

/** How many places a workflow has at the site; `null` gives it back the number in its definition. */
export const PlacesBody = Type.Object(
  {
    workflow: Type.String({ minLength: 1, maxLength: 80 }),
    places: Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export const PlacesResponse = Type.Object({
  places: Type.Record(Type.String(), Type.Integer(), { description: "The site's own numbers of places, by workflow" }),
});

/** The site's waiting lists, first come first served. */
export const WaitingListsResponse = Type.Array(
  Type.Object({
    workflow: Type.String(),
    title: Type.String(),
    places: Type.Optional(Type.Integer()),
    taken: Type.Integer(),
    free: Type.Integer({ description: 'Places free now: offered to the first on the list' }),
    entries: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        position: Type.Integer({ minimum: 1 }),
        since: Type.String({ format: 'date-time' }),
        days: Type.Integer({ minimum: 0 }),
        offered: Type.Boolean({ description: 'First in line for a place that is free now' }),
        event: Type.Optional(Type.String({ description: 'The action that gives the place' })),
        revision: Type.Integer(),
      }),
    ),
  }),
);
export type WaitingListsResponseT = Static<typeof WaitingListsResponse>;
