import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is acting and why, carried through everything a request or an event reaction does,
 * so logs and emitted events share one correlation id.
 */
export interface RequestContextData {
  correlationId: string;
  /** The event that caused this work, when a reaction is running. */
  causationId?: string;
  actorId?: string;
  /** The language problems are written in for this request (from Accept-Language). */
  locale?: 'zh-CN' | 'en';
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  /** Sets the actor once authentication has identified the caller. */
  setActor(actorId: string): void {
    const store = storage.getStore();
    if (store) store.actorId = actorId;
  },
};
