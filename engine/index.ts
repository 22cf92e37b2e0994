export * from './text';
export * from './definition';
export * from './problem';
export { evaluate, explain, describe, ruleFields, type Values, type Verdict } from './rules';
export { formSchema, validateForm, type FormSchema } from './forms';
export { validateDefinition, errorsOnly, operatorsFor } from './validate';
export { compile, type CaseContext, type CaseEvent } from './compile';
export {
  startCase,
  applyEvent,
  availableEvents,
  position,
  roleAllows,
  type PersistedSnapshot,
  type Applied,
  type Failure,
  type AvailableEvent,
  type Position,
} from './cases';
export { indexStates, leafPaths, stateLabel, eventLabel, type StateEntry } from './tree';
