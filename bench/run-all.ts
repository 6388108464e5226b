import { benchClaim } from './claim.bench.js';
import { benchCustomers } from './customers.bench.js';
import { benchOpportunities } from './opportunities.bench.js';
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
  'tickets-sla': benchTicketSla,
};
for (const [name, run] of Object.entries(benches)) {
  // `tickets` runs every tickets benchmark (`tickets`, `tickets-sla`).
  if (only && only !== name && !name.startsWith(`${only}-`)) continue;
  console.log(`\n# ${name}`);
  await run(serverUrl);
}
