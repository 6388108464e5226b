import type { Contract } from './contract.aggregate.js';

/** Where Contract aggregates live; a SQL implementation in infrastructure. */
export abstract class Contracts {
  /** Loads a contract with its current version and any change in approval; `update` holds its row until commit. */
  abstract get(id: string, options?: { lock?: 'update' }): Promise<Contract | undefined>;
  /** Stores a new contract and hands its events to the unit of work. */
  abstract add(contract: Contract): Promise<void>;
  /** Writes what changed since `loadedVersion`; false when someone saved another version in between. */
  abstract save(contract: Contract, loadedVersion: number): Promise<boolean>;
  /** The contract's current version number, for a 412's ETag. */
  abstract currentVersion(id: string): Promise<number | undefined>;
}
