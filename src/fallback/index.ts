export {
  DynamoDbLastGoodStore,
  type DynamoDbLastGoodStoreOptions,
  lastGoodKeyPrefix,
} from './dynamoDbLastGoodStore';
export {
  type FallbackConfig,
  type FallbackOptions,
  fallbackDefaults,
  resolveFallbackOptions,
} from './fallbackOptions';
export {
  ageInSeconds,
  type HandledFailure,
  handledFailure,
  isFresh,
  staleResponse,
  unavailableResponse,
} from './fallbackResponse';
export type {
  HttpAnswer,
  LastGoodAnswer,
  LastGoodStore,
  Promisable,
} from './lastGoodStore';
export {
  MemoryLastGoodStore,
  type MemoryLastGoodStoreOptions,
} from './memoryLastGoodStore';
