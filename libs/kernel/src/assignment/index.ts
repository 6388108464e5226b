/**
 * Generic assignment machinery [分配]: ordered first-match rules over named facts, and picking an
 * assignee among candidates (round-robin from a persisted cursor, least-busy, weighted) with
 * capacity. Pure TypeScript, used by leads and service tickets alike; the caller stores the rules,
 * the cursor and the loads.
 */
export * from './rules.js';
export * from './pick.js';
