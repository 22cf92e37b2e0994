export * from './text';
export * from './definition';
export * from './problem';
export { roleAllows } from './roles';
export {
  roleNames,
  accountRoleNames,
  assignableRoles,
  type AssignableRole,
  limitedRoles,
  isLimitedRole,
  type AccountRole,
  type LimitedRole,
  functionNames,
  oneOf,
  rolesFrom,
  personTitle,
  refusalFor,
  whoseWork,
  type WorkRefusal,
} from './people';
export {
  seesPersonal,
  hiddenFields,
  formAccess,
  refusal,
  forFunction,
  privacyAudience,
  defaultPrivacy,
  responsibleFunctions,
  defaultRetentionMonths,
  retentionMonths,
  type Viewer,
} from './audience';
export {
  screenedTitle,
  titleHidden,
  titleFor,
  nameInMessage,
  sortByShownName,
  visibleData,
  visibleHistoryData,
  noteHidden,
  screenedFilter,
  screenedDetail,
  staffOnlyFields,
  ownData,
} from './screening';
export {
  startEvent,
  checklistSignEvent,
  checklistUnsignEvent,
  noteEvent,
  signalEvent,
  groupActivityEvent,
  groupActivityCorrectedEvent,
  signalClosedEvent,
  signalAcknowledgedEvent,
  signalEscalatedEvent,
  migrationEvent,
  ownerEvent,
  systemActor,
  deadlinePassedEvent,
  timerHeldEvent,
  correctionEvent,
  voidEvent,
  pseudonymisedEvent,
  voidOutcome,
} from './history';
export { correctField, rescheduled, type Correction, type Rescheduled } from './corrections';
export { evaluate, explain, describe, placeFree, ruleFields, type Place, type Values, type Verdict } from './rules';
export { formSchema, validateForm, sampleValue, FormSchema, FormProperty } from './forms';
export { validateDefinition, structureProblems, errorsOnly, operatorsFor, markupIn } from './validate';
export { compile, type CaseContext, type CaseEvent } from './compile';
export {
  startCase,
  applyEvent,
  fireTimer,
  signChecklistItem,
  openChecklist,
  availableEvents,
  position,
  type PersistedSnapshot,
  type TimerEffects,
  type Applied,
  type Failure,
  type AvailableEvent,
  type Position,
  type TimeOptions,
} from './cases';
export {
  indexStates,
  resolveTarget,
  leafPaths,
  stateLabel,
  eventLabel,
  endsCase,
  outcomeLabel,
  checklistItems,
  kind,
  reachable,
  stateEvents,
  eventNames,
  eventByName,
  descriptorMatches,
  type StateEntry,
} from './tree';
export { durationMs, describeDuration, durationOf } from './duration';
export { keyFor, eventFor, identifierFrom } from './names';
export { addDuration, describeSpan, parseDuration, durationLimits, type DurationParts } from './duration';
export {
  SiteCalendarSchema,
  ClosedPeriodSchema,
  calendarProblems,
  closedOn,
  defaultTimeZone,
  formatDate,
  localDate,
  startOfDate,
  type SiteCalendar,
  type ClosedPeriod,
} from './calendar';
export { parseTimerKey, describeTimer, type TimerSpec } from './timer-key';
export { caseTimers, timerOf, type CaseTimer } from './timers';
export { caseDeadlines, passedDeadlines, describeDeadline, dueSoonMs, type CaseDeadline } from './deadlines';
export { planOf, type Plan } from './plan';
export { caseTime, type CaseTime } from './time';
export type { RuleContext, Signature } from './rules';
export { suggestStateMap, planCaseMigration, migrateSnapshot, type CasePlan } from './migrate';
export { asksPlace, placeEvent, placeFor, placeSteps, readsPlace, waitingOrder } from './places';
export { exclusiveOf, exclusiveClash, exclusivesOf, studentExclusive, inSteps, type OtherCase } from './exclusive';
export {
  weekdays,
  dayParts,
  halfDayCodes,
  halfDayPattern,
  isHalfDay,
  parseHalfDay,
  halfDayLabel,
  weekdayName,
  addDays,
  weekdayOf,
  weekStart,
  isoWeek,
  dateOfHalfDay,
  halfDaysOn,
  halfDaysIn,
  type Weekday,
  type DayPart,
} from './halfdays';
export {
  LessonSchema,
  MomentSchema,
  SiteScheduleSchema,
  defaultSchedule,
  scheduleProblems,
  lessonOn,
  lessonLabel,
  partStarts,
  type Lesson,
  type Moment,
  type SiteSchedule,
} from './schedule';
export {
  takesClients,
  stepsOf,
  expectedAtSite,
  wijkHalfDays,
  matchRefusals,
  boundStudent,
  helpPaused,
  waitsForMatch,
  askedPerWeek,
  studentGone,
  planWeek,
  coverFor,
  studentDay,
  sessionStatuses,
  type PlanCase,
  type Refusal,
  type SessionStatus,
  type SessionRecord,
  type ClientSlot,
  type CellKind,
  type WeekCell,
  type WeekRow,
  type WeekInput,
  type WeekPlan,
} from './planning';
export {
  presenceStatuses,
  callOutcomes,
  callTime,
  callList,
  missedParts,
  type PresenceStatus,
  type CallOutcome,
  type Check,
  type Call,
  type ToCall,
} from './presence';
export {
  outcomeReport,
  reportedOutcome,
  type FollowUpFigures,
  holdsPlace,
  type OutcomeReport,
  type ReportCase,
  type CareSession,
  type Figures,
  type Reciprocity,
  type ReciprocityFigures,
  type Group,
  type StepFlow,
  type Shown,
  type Withheld,
} from './reports';
export { progress, relevantItems, behindMargin, type Progress } from './progress';
export { canonicalJson } from './canonical';
export {
  signalKinds,
  signalKindNames,
  signalLate,
  helpKind,
  helpModes,
  helpModeNames,
  helpAnswer,
  defaultEscalationMinutes,
  escalationDue,
  type SignalKind,
  type HelpMode,
} from './signals';
export { OnCallSchema, defaultOnCall, onCallOn, type OnCall } from './oncall';
export {
  groupActivityKinds,
  groupActivityKindNames,
  maxParticipants,
  type GroupActivityKind,
} from './group-activities';
export { diffDefinitions, fieldTypeNames, type Change, type ChangeKind, type ChangeElement } from './diff';
export { threeWay, applyMerge, type MergeItem, type Side } from './merge';
export {
  readPackage,
  checkPackage,
  makePackage,
  definitionChecksum,
  portableDefinition,
  packageJsonSchema,
  packageFormat,
  packageFormatVersion,
  PackageSchema,
  type WorkflowPackage,
  type Provenance,
  type BasedOn,
  type Upstream,
  type ReadPackage,
} from './package';
export { toScxml, fromScxml, scxmlLimits, type ScxmlImport } from './scxml';
export { xmlLimits } from './xml';
export { bpmnNamespace } from './bpmn';
export { toBpmn } from './bpmn-export';
export { fromBpmn, onWorkflow, type BpmnImport } from './bpmn-import';
export { definitionLimits, definitionLimitProblems, unsafeValues } from './limits';
export {
  replayCase,
  replayCases,
  summarise,
  RecordedCaseSchema,
  RecordedEventSchema,
  type RecordedCase,
  type RecordedEvent,
  type CaseReplay,
  type ReplaySummary,
  type ReplayStop,
} from './replay';
export {
  pseudonymOf,
  pseudonymiseData,
  pseudonymiseHistoryData,
  personalFieldsWritten,
  erasedText,
  withoutPersonOf,
} from './pseudonym';
export { withoutSmallGroups, withheldText, defaultSmallGroupMinimum, smallGroupMinimumRange } from './small-groups';
