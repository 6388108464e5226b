import { ContactSchema1732500600000 } from './1732500600000-contact-schema.js';
import { ContactDeletion1732500800000 } from './1732500800000-contact-deletion.js';

export const contactMigrations = [ContactSchema1732500600000, ContactDeletion1732500800000];
