import { ContactSchema1732500600000 } from './1732500600000-contact-schema.js';

export const contactMigrations = [ContactSchema1732500600000];
