import { benchClaim } from './claim.bench.js';
import { benchCustomers } from './customers.bench.js';
import { benchEvents } from './events.bench.js';
import { benchLeads } from './leads.bench.js';
import { benchListDepth } from './list-depth.bench.js';
import { benchOpportunities } from './opportunities.bench.js';
import { benchOrders } from './orders.bench.js';
import { benchTicketCreation } from './ticket-creation.bench.js';
import { benchTicketSla } from './ticket-sla.bench.js';

/** `npm run bench [-- name]`: benchmarks on the PostgreSQL server in DATABASE_URL (never part of npm test). */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Benchmarks need a PostgreSQL server: DATABASE_URL=postgres://… npm run bench');
  process.exit(2);
}
const only = process.argv[2];
const benches: Record<string, (url: string) => Promise<void>> = {
  customers: benchCustomers,
  claim: benchClaim,
  opportunities: benchOpportunities,
  orders: benchOrders,
  'ticket-creation': benchTicketCreation,
  'tickets-sla': benchTicketSla,
  leads: benchLeads,
  'list-depth': benchListDepth,
  events: benchEvents,
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n# ${name}`);
  await run(serverUrl);
}
