/** The Identity context's public surface: the organisation's events and the user directory port. */
export { IdentityEvents } from './events.js';
export { UserDirectory } from './user-directory.js';
export { ROLE_KEY_PATTERN } from '../domain/roles.js';
