import { Type, type Static } from '@sinclair/typebox';
import { TextSchema } from './text';

export const roles = ['staff', 'manager', 'admin'] as const;
export const subjects = ['student', 'client'] as const;
export const RoleSchema = Type.Union(roles.map((r) => Type.Literal(r)));
export type Role = Static<typeof RoleSchema>;

/**
 * What a staff member does in the team (report 3.3): the docent carries the education (portfolio,
 * learning route, catching up), the coördinator the daily practice (intakes, home visits,
 * matching, placements, evaluations). A function decides what waits on a person (`functions`),
 * which personal data they need to see (`privacy`), and where a definition says so, what only
 * they may do (`restrictedTo`).
 */
export const staffFunctions = ['docent', 'coordinator'] as const;
export const StaffFunctionSchema = Type.Union(staffFunctions.map((f) => Type.Literal(f)));
export type StaffFunction = Static<typeof StaffFunctionSchema>;
const Functions = Type.Array(StaffFunctionSchema, { minItems: 1, uniqueItems: true });

export const fieldTypes = ['string', 'text', 'number', 'boolean', 'date', 'enum', 'list'] as const;
export type FieldType = (typeof fieldTypes)[number];

/**
 * A name of a field, step or item. The names of Object.prototype's members are refused: a lookup
 * such as `def.fields[name]` would otherwise find a function where no field exists.
 */
export const identifierPattern =
  '^(?!(?:constructor|prototype|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toLocaleString|toString|valueOf)$)[A-Za-z][A-Za-z0-9_-]*$';
const Identifier = Type.String({ pattern: identifierPattern, maxLength: 80 });
export const eventPattern = '^[A-Z][A-Z0-9_]*$';
const EventName = Type.String({ pattern: eventPattern, maxLength: 80 });
/**
 * An event's name as another statechart tool wrote it (SCXML): dotted tokens (`t.done`), or `*`
 * for every event. The engine matches it as SCXML does, by prefix: `t` also takes `t.done`.
 */
export const eventDescriptorPattern = '^(\\*|[^\\s.*]+(\\.[^\\s.*]+)*)$';

export const FieldSchema = Type.Object(
  {
    type: Type.Union(fieldTypes.map((t) => Type.Literal(t))),
    label: TextSchema,
    description: Type.Optional(TextSchema),
    /** Holds personal data in the sense of the AVG (GDPR). */
    personal: Type.Optional(Type.Boolean()),
    /**
     * Never shown to the person the case is about (a student's own view): staff's assessment of
     * them, notes about them. Staff see it as any other field.
     */
    staffOnly: Type.Optional(Type.Boolean()),
    /** For enum and list: the values a person may choose. */
    options: Type.Optional(
      Type.Array(
        Type.Object({ value: Type.String({ minLength: 1 }), label: TextSchema }, { additionalProperties: false }),
        {
          minItems: 1,
        },
      ),
    ),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type Field = Static<typeof FieldSchema>;

export const comparisonOps = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'exists'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

export const ConditionSchema = Type.Object(
  {
    field: Identifier,
    op: Type.Union(comparisonOps.map((o) => Type.Literal(o))),
    value: Type.Optional(Type.Union([Scalar, Type.Array(Scalar)])),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof ConditionSchema>;

/**
 * A duration as a manager writes it: months, weeks, days, hours, minutes, largest first, e.g.
 * "6mo", "10w" or "1w3d" (`mo` is a month, `m` a minute); seconds and milliseconds ("90s",
 * "1s500ms") for the delays other statechart tools write. engine/duration.ts reads it.
 */
const duration = '(?=\\d)(?:\\d+mo)?(?:\\d+w)?(?:\\d+d)?(?:\\d+h)?(?:\\d+m(?!s))?(?:\\d+s)?(?:\\d+ms)?';
export const durationPattern = `^${duration}$`;
export const DurationSchema = Type.String({ pattern: durationPattern, maxLength: 20 });

/**
 * When a timer fires, as the key of a step's `after`: a duration after entering the step
 * ("10w"), the date in a date field, optionally moved by a duration ("@geplandEinde",
 * "@geplandEinde-6mo", "@zorgstageStart+3mo"), or the next of a set of dates in the year
 * ("@09-01,02-01": the first 1 September or 1 February from entering the step on).
 */
export const timerKeyPattern = `^(?:${duration}|@[A-Za-z][A-Za-z0-9_-]*?(?:[+-]${duration})?|@\\d{2}-\\d{2}(?:,\\d{2}-\\d{2}){0,11})$`;
const TimerKeySchema = Type.String({ pattern: timerKeyPattern, maxLength: 100 });

/**
 * A deadline: a step or an action is due within a duration of entering the step, or by the
 * date in a date field minus a duration. It moves nothing: the case shows it, and it says for
 * whom it is work. `openDays` counts only the site's open days.
 */
export const DeadlineSchema = Type.Object(
  {
    within: Type.Optional(DurationSchema),
    by: Type.Optional(Identifier),
    minus: Type.Optional(DurationSchema),
    label: Type.Optional(TextSchema),
    functions: Type.Optional(Functions),
    openDays: Type.Optional(Type.Boolean()),
    /** Due until this field is filled in: once it holds a value, nothing is due (B1 reached, say). */
    until: Type.Optional(Identifier),
  },
  { additionalProperties: false },
);
export type Deadline = Static<typeof DeadlineSchema>;

/** Every checklist item of a step (and the steps inside it) is signed; `*` means every item. */
export const ChecklistConditionSchema = Type.Object(
  { checklist: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type ChecklistCondition = Static<typeof ChecklistConditionSchema>;

/** At least (`gte`), more than (`gt`), at most (`lte`) or less than (`lt`) a duration. */
export const timeOps = ['gte', 'gt', 'lte', 'lt'] as const;
export type TimeOp = (typeof timeOps)[number];
const TimeOpSchema = Type.Union(timeOps.map((o) => Type.Literal(o)));

/** How long the case has been in its current step, compared with a duration. */
export const TimeConditionSchema = Type.Object(
  {
    timeInStep: Type.Object(
      { op: TimeOpSchema, duration: DurationSchema, openDays: Type.Optional(Type.Boolean()) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type TimeCondition = Static<typeof TimeConditionSchema>;

/** How long ago the date in a date field is (e.g. the start of the care placement), compared with a duration. */
export const TimeSinceConditionSchema = Type.Object(
  {
    timeSince: Type.Object(
      { field: Identifier, op: TimeOpSchema, duration: DurationSchema, openDays: Type.Optional(Type.Boolean()) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type TimeSinceCondition = Static<typeof TimeSinceConditionSchema>;

/**
 * A place is free for this case at the site: fewer of the workflow's places taken (by the other
 * cases in `reports.activeIn`) than there are, also after everyone who has waited longer in
 * `reports.waitingIn` has had theirs (first come, first served). The server counts them; the
 * engine is told the counts with the event, as it is told the time.
 */
export const PlaceConditionSchema = Type.Object({ place: Type.Literal('free') }, { additionalProperties: false });
export type PlaceCondition = Static<typeof PlaceConditionSchema>;

/** A rule is data: a tree of all/any/not over comparisons on typed fields, checklists, time and places. */
export const RuleSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      ConditionSchema,
      ChecklistConditionSchema,
      TimeConditionSchema,
      TimeSinceConditionSchema,
      PlaceConditionSchema,
      Type.Object({ all: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'Rule' },
);
export type Rule = Static<typeof RuleSchema>;

export const GuardSchema = Type.Object(
  { type: Type.Literal('rule'), params: RuleSchema },
  { additionalProperties: false },
);

export const FormFieldSchema = Type.Object(
  { field: Identifier, required: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type FormField = Static<typeof FormFieldSchema>;

/**
 * A rule across cases: the value of `field` names another case (e.g. the matched student), and
 * no two cases of this workflow in the `activeIn` steps may share it on an overlapping `overlap`
 * list (e.g. half-days): at most one client per half-day per student.
 */
export const ExclusiveSchema = Type.Object(
  {
    field: Identifier,
    overlap: Identifier,
    activeIn: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    /** The field holds the id of a case about this subject, which must exist at the site. */
    refersTo: Type.Optional(Type.Union(subjects.map((s) => Type.Literal(s)))),
    /**
     * A field saying how many values `overlap` must hold (a number, or a choice whose values are
     * numbers): a client asking for help twice a week is matched on two half-days.
     */
    count: Type.Optional(Identifier),
  },
  { additionalProperties: false },
);
export type Exclusive = Static<typeof ExclusiveSchema>;

/**
 * An event the workflow raises itself while it moves (SCXML's `<raise>`): it is handled before the
 * next action, by whichever active step takes it. Never code: only the event's name.
 */
export const RaiseSchema = Type.Object({ raise: EventName }, { additionalProperties: false });
export type RaiseAction = Static<typeof RaiseSchema>;
const Raises = Type.Array(RaiseSchema, { minItems: 1 });

export const TransitionSchema = Type.Object(
  {
    target: Type.Optional(Type.String({ minLength: 1 })),
    guard: Type.Optional(GuardSchema),
    /** Leave and enter the step again when the target is the step itself or inside it (SCXML's external transition). */
    reenter: Type.Optional(Type.Boolean()),
    /** Events raised when the transition is taken. */
    actions: Type.Optional(Raises),
    description: Type.Optional(Type.String()),
    meta: Type.Optional(
      Type.Object(
        {
          label: Type.Optional(TextSchema),
          roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1 })),
          /** Whose work this action is; the worklist splits by it. Without it, everyone's (or `restrictedTo`'s). */
          functions: Type.Optional(Functions),
          /** The functions that alone may take it, beside `roles`; a role above staff may too. */
          restrictedTo: Type.Optional(Functions),
          form: Type.Optional(Type.Array(FormFieldSchema)),
          exclusive: Type.Optional(ExclusiveSchema),
          /** For an action: by when it is due (a deadline; it moves nothing). */
          due: Type.Optional(DeadlineSchema),
          /**
           * For a timer (on its first transition): whether it starts again when the case comes
           * back to the step (`restart`, the default) or goes on with the time it had left.
           */
          resume: Type.Optional(Type.Union([Type.Literal('remaining'), Type.Literal('restart')])),
          /** For a timer: count only the site's open days (its clock stands still when the site is closed). */
          openDays: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TransitionConfig = Static<typeof TransitionSchema>;

/** One line of the aftekenlijst (portfolio sign-off list); ids are unique in a definition. */
export const ChecklistItemSchema = Type.Object(
  {
    id: Identifier,
    label: TextSchema,
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1 })),
    /** Who signs it as their work (usually the docent); the worklist splits by it. */
    functions: Type.Optional(Functions),
    /** The functions that alone may sign it, beside `roles`; a role above staff may too. */
    restrictedTo: Type.Optional(Functions),
  },
  { additionalProperties: false },
);
export type ChecklistItem = Static<typeof ChecklistItemSchema>;

export const StateMetaSchema = Type.Object(
  {
    label: Type.Optional(TextSchema),
    description: Type.Optional(TextSchema),
    roles: Type.Optional(Type.Array(RoleSchema)),
    checklist: Type.Optional(Type.Array(ChecklistItemSchema)),
    /** For final states: what the case ended in, counted by reports. */
    outcome: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]*$' })),
    /** By when the case should have left this step (a deadline; it moves nothing). */
    due: Type.Optional(DeadlineSchema),
    /** Time in this step does not count for the plan (a leave): the planned end moves on by it. */
    pausesPlan: Type.Optional(Type.Boolean()),
    /**
     * For a workflow with `planning`: a student in this step (or a step inside it that does not
     * say otherwise) takes clients in the wijk, so only they can be matched (the welfare placement).
     */
    takesClients: Type.Optional(Type.Boolean()),
    /**
     * For a workflow with `planning`: a student in this step (or a step inside it that does not
     * say otherwise) is expected at the site at the day's presence moments (report 3.2).
     */
    atSite: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StateMeta = Static<typeof StateMetaSchema>;

export const stateKinds = ['atomic', 'compound', 'parallel', 'final', 'history'] as const;

const Transitions = Type.Union([TransitionSchema, Type.Array(TransitionSchema, { minItems: 1 })]);

export const StateSchema = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        id: Type.Optional(Identifier),
        type: Type.Optional(Type.Union(stateKinds.map((t) => Type.Literal(t)))),
        initial: Type.Optional(Type.String()),
        history: Type.Optional(Type.Union([Type.Literal('shallow'), Type.Literal('deep')])),
        target: Type.Optional(Type.String()),
        states: Type.Optional(Type.Record(Identifier, Self, { additionalProperties: false })),
        on: Type.Optional(Type.Record(EventName, Transitions, { additionalProperties: false })),
        /** Durable timers: after this long in the step ("10w"), or at a date ("@geplandEinde"). */
        after: Type.Optional(Type.Record(TimerKeySchema, Transitions, { additionalProperties: false })),
        /** Taken by itself as soon as its rule holds, without an event (SCXML's eventless transition). */
        always: Type.Optional(Transitions),
        /** Taken when the step is done: a final step inside it reached, or every region of a parallel step. */
        onDone: Type.Optional(Transitions),
        /** Events raised on entering and on leaving the step. */
        entry: Type.Optional(Raises),
        exit: Type.Optional(Raises),
        meta: Type.Optional(StateMetaSchema),
        description: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  { $id: 'State' },
);
export type StateConfig = Static<typeof StateSchema>;

/**
 * How a workflow's cases are counted in the reports: which count as started, which outcomes are
 * successes, where people went, against which targets. Data, so a site's variant counts its own.
 */
export const ReportsSchema = Type.Object(
  {
    /** A case counts among those started (e.g. enrolled at Gilde) when this rule holds. */
    started: Type.Optional(RuleSchema),
    /** The date field that places a case in a period and a cohort (e.g. inschrijfdatum). */
    startDate: Type.Optional(Identifier),
    /** Splits a year's cases into cohorts (e.g. startmoment: september, februari). */
    cohortField: Type.Optional(Identifier),
    /** The figures are repeated per value of this field (e.g. instroomroute). */
    groupField: Type.Optional(Identifier),
    /** Outcomes that are a success (a diploma), and outcomes that are leaving without one. */
    success: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    without: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Why someone left without a diploma. */
    reasonField: Type.Optional(Identifier),
    /** Where a successful case went, grouped: { "werk": ["werk"], "vervolgopleiding": [...] }. */
    destinationField: Type.Optional(Identifier),
    destinations: Type.Optional(
      Type.Record(Identifier, Type.Array(Type.String({ minLength: 1 })), { additionalProperties: false }),
    ),
    /** The success rate aimed for (0.8 for 80%). */
    target: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Places at a time, and the smallest group that still covers the costs. */
    capacity: Type.Optional(Type.Integer({ minimum: 1 })),
    minimum: Type.Optional(Type.Integer({ minimum: 1 })),
    /**
     * The planned end: a start date field plus a duration in months (a number field, or an enum
     * whose values are numbers, e.g. duur 12/18/24). Progress compares the signed share of the
     * sign-off list with the share of the planned time gone by.
     */
    plan: Type.Optional(
      Type.Object(
        {
          startField: Identifier,
          monthsField: Identifier,
          /**
           * A date field the engine keeps at the planned end (start plus months plus the time in
           * steps that pause the plan), so timers, deadlines and rules can use it.
           */
          endField: Type.Optional(Identifier),
          /** Who follows up a student behind the plan (the docent, report 4.2); everyone without it. */
          functions: Type.Optional(Functions),
        },
        { additionalProperties: false },
      ),
    ),
    /** The field holding the catch-up plan (inhaalplan) agreed with a student who fell behind. */
    catchUpField: Type.Optional(Identifier),
    /**
     * The steps in which a case occupies a place. Without them every open case that counts as
     * started does; with them the steps alone decide (a place is held from before the start).
     */
    activeIn: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** The steps in which a case waits for a place (the waiting list), in the order they entered them. */
    waitingIn: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /**
     * Follow-up after leaving (nazorg): a case in one of the `activeIn` steps has its outcome
     * decided (it counts as `outcome`, takes no place and is not running) while it stays open for
     * the checks at each moment. Each moment is a choice field; among the cases that went to a
     * destination, the values in `lasting` count as lasting outflow and those in `returned` as back
     * on benefits (report chapter 5: "niet terug in de kaartenbakken").
     */
    followUp: Type.Optional(
      Type.Object(
        {
          activeIn: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          outcome: Type.String({ minLength: 1 }),
          moments: Type.Array(Identifier, { minItems: 1 }),
          lasting: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
          returned: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * The wederdienst (report 3.2 *Wederkerigheid*): a client agrees at the agreement what they
     * give back to the student and later records what they gave. An agreement counts in the period
     * of its `dateField`; `agreedField` and `givenField` filled in say one was agreed and given.
     * `kindField`, a choice that is no personal data, splits them by kind; free text never does,
     * since a count by it says something about one person.
     */
    reciprocity: Type.Optional(
      Type.Object(
        {
          dateField: Identifier,
          agreedField: Identifier,
          givenField: Identifier,
          kindField: Type.Optional(Identifier),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Informal care: the hours of the help sessions recorded as done, against the yearly target;
     * beside them the half-days the plan promised while the help ran.
     */
    care: Type.Optional(
      Type.Object(
        {
          halfDaysField: Identifier,
          /**
           * A site's hours for a help session recorded as done without its hours. The report gives
           * none, so the shipped workflow leaves it out and a session done says its hours.
           */
          hoursPerHalfDay: Type.Optional(Type.Number({ minimum: 0, maximum: 12 })),
          yearlyTarget: Type.Number({ minimum: 0 }),
          /** The steps in which the help runs (default: the report's `activeIn`); a pause is not help. */
          activeIn: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Reports = Static<typeof ReportsSchema>;

/**
 * A test case the manager saved in the simulator: whom it is tried as and the start form's
 * answers, kept with the draft so that the next change is tried on the same cases.
 */
export const ScenarioSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
    as: Type.Object(
      { role: RoleSchema, function: Type.Optional(StaffFunctionSchema) },
      { additionalProperties: false },
    ),
    start: Type.Record(Identifier, Type.Unknown()),
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof ScenarioSchema>;

/** Where a manager put each step in the designer (by dotted path, relative to its parent step). */
export const LayoutSchema = Type.Object(
  {
    positions: Type.Record(
      Type.String({ maxLength: 400 }),
      Type.Object(
        { x: Type.Number({ minimum: -1e6, maximum: 1e6 }), y: Type.Number({ minimum: -1e6, maximum: 1e6 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Layout = Static<typeof LayoutSchema>;
/**
 * Who may see the fields marked `personal`: people with one of these functions, or with one of
 * these roles (or a higher one). Without it: coördinatoren and the projectleider (`defaultPrivacy`).
 */
export const PrivacySchema = Type.Object(
  {
    functions: Type.Optional(Type.Array(StaffFunctionSchema, { uniqueItems: true })),
    roles: Type.Optional(Type.Array(RoleSchema, { uniqueItems: true })),
    /**
     * How many months after a case ends its personal fields are kept; then the daily retention
     * job pseudonymises them. Without it: `defaultRetentionMonths`.
     */
    retentionMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 1200 })),
  },
  { additionalProperties: false },
);
export type Privacy = Static<typeof PrivacySchema>;

/**
 * How the coördinator's day reads a workflow's cases (report 3.3, 4.1): the fields the planning
 * board, the matching, the presence list and the call list use. With `planning`, the steps'
 * `takesClients` and `atSite` say where a student is; without it, every running student counts.
 */
export const PlanningSchema = Type.Object(
  {
    /** A student's fixed half-days in the wijk: a list whose options are half-days (`ma-ochtend` … `vr-middag`). */
    halfDaysField: Type.Optional(Identifier),
    /** The number to phone (after an absence; a resident whose student is away). */
    phoneField: Type.Optional(Identifier),
    /** A student's emergency contact, on the call list. */
    emergencyField: Type.Optional(Identifier),
    /** Where a resident is helped, on the planning board. */
    addressField: Type.Optional(Identifier),
    /** What matching weighs beside the half-days: a client's wish (the same face or variety), a student's need. */
    wishField: Type.Optional(Identifier),
    /** The kind of help a resident asks (a choice or a list): their student reads it in their own week. */
    helpField: Type.Optional(Identifier),
  },
  { additionalProperties: false },
);
export type Planning = Static<typeof PlanningSchema>;

export const DefinitionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60 }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    subject: Type.Union(subjects.map((s) => Type.Literal(s))),
    title: TextSchema,
    description: Type.Optional(TextSchema),
    /** The field that names a case in lists (e.g. the student's name). */
    titleField: Identifier,
    fields: Type.Record(Identifier, FieldSchema, { additionalProperties: false }),
    /** What the form that creates a case asks for (e.g. name, who registered the student). */
    startForm: Type.Array(FormFieldSchema),
    reports: Type.Optional(ReportsSchema),
    /** Drawing positions only: never changes how cases run. */
    layout: Type.Optional(LayoutSchema),
    /** The simulator's saved test cases: never change how cases run. */
    scenarios: Type.Optional(Type.Array(ScenarioSchema, { maxItems: 50 })),
    privacy: Type.Optional(PrivacySchema),
    planning: Type.Optional(PlanningSchema),
    machine: Type.Object(
      {
        id: Identifier,
        initial: Type.String(),
        states: Type.Record(Identifier, StateSchema, { additionalProperties: false }),
        on: Type.Optional(Type.Record(EventName, Transitions, { additionalProperties: false })),
        /**
         * For a machine from another statechart tool: the name each event had there (`t.done` for
         * T_DONE), which the engine also accepts and matches by SCXML's prefix rule.
         */
        aliases: Type.Optional(
          Type.Record(EventName, Type.String({ pattern: eventDescriptorPattern, maxLength: 200 }), {
            additionalProperties: false,
          }),
        ),
        description: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type Definition = Static<typeof DefinitionSchema>;

export function transitionsOf(value: TransitionConfig | TransitionConfig[]): TransitionConfig[] {
  return Array.isArray(value) ? value : [value];
}
