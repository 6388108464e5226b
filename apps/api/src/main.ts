import 'reflect-metadata';
import { hello } from '@crm/platform';
console.log(hello());
