import { ConcurrentModificationError, PreconditionFailedError } from '@crm/kernel';

/**
 * The one answer to a versioned save (`UPDATE … WHERE id = $1 AND version = $2`) that changed no
 * row: 412 with the current ETag when the caller sent If-Match (it named an older version), 409
 * CONCURRENT_MODIFICATION when it did not (it loaded the record and lost a race).
 */
export async function assertSaved(
  saved: boolean,
  what: string,
  ifMatch: number | undefined,
  currentVersion: () => Promise<number | undefined> | number | undefined,
): Promise<void> {
  if (saved) return;
  if (ifMatch === undefined) throw new ConcurrentModificationError(what);
  throw new PreconditionFailedError(what, (await currentVersion()) ?? 0);
}

/** 412 before any work when the caller's If-Match names a version other than the loaded one. */
export function assertIfMatch(what: string, ifMatch: number | undefined, loaded: number): void {
  if (ifMatch !== undefined && ifMatch !== loaded) throw new PreconditionFailedError(what, loaded);
}
