export { Bulkhead, type BulkheadOptions } from './bulkhead';
export {
  DynamoDbPermitStore,
  type DynamoDbPermitStoreOptions,
} from './fleet/dynamoDbPermitStore';
export { FleetBulkhead } from './fleet/fleetBulkhead';
export type { FleetLimitOptions } from './fleet/fleetLimitOptions';
export { InMemoryPermitStore } from './fleet/inMemoryPermitStore';
export {
  type PermitStore,
  type SlotClaim,
  slotKey,
  type TakeRequest,
} from './fleet/permitStore';
