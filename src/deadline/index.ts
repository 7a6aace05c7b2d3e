export { AttemptTimeoutPolicy } from './attemptTimeoutPolicy';
export { Deadline } from './deadline';
export {
  attemptTimeoutFor,
  type DeadlineBudget,
  invocationDeadline,
  type RemainingTimeContext,
} from './invocationDeadline';
export {
  resolveTimeoutsOptions,
  type TimeoutsConfig,
  type TimeoutsOptions,
  timeoutsDefaults,
} from './timeoutsOptions';
