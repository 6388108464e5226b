import { PlatformFoundation1732500000000 } from './1732500000000-platform-foundation.js';

export const platformMigrations = [PlatformFoundation1732500000000];
