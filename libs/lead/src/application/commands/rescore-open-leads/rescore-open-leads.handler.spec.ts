import type { TransactionHost, UnitOfWork } from '@crm/platform';
import { LeadEvents } from '../../../contracts/events.js';
import { Lead, type VersionedRules } from '../../../domain/lead.aggregate.js';
import type { LeadProfile } from '../../../domain/lead.types.js';
import { LeadScoringRules } from '../../../domain/scoring-rules.port.js';
import { type ScoringRules } from '../../../domain/scoring.js';
import { InMemoryLeads } from '../../../domain/testing/in-memory-leads.js';
import { LeadScorer } from '../../lead-scorer.js';
import { RescoreOpenLeadsCommand } from './rescore-open-leads.command.js';
import { RescoreOpenLeadsHandler } from './rescore-open-leads.handler.js';

/** A new installation's rules: none yet, grades A ≥ 80, B ≥ 50, C ≥ 20, else D. */
const DEFAULT_SCORING_RULES: ScoringRules = {
  rules: [],
  grades: [
    { grade: 'A', minScore: 80 },
    { grade: 'B', minScore: 50 },
    { grade: 'C', minScore: 20 },
  ],
  defaultGrade: 'D',
};

class FixedRules extends LeadScoringRules {
  constructor(public rules: VersionedRules) {
    super();
  }
  current(): Promise<VersionedRules> {
    return Promise.resolve(this.rules);
  }
  replace(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }
}

const NOW = new Date();
const profile = (index: number): LeadProfile => ({
  personName: `客户${index}`,
  mobile: `1380013${String(index).padStart(4, '0')}`,
  email: null,
  companyName: null,
  title: null,
  province: index % 2 === 0 ? '浙江' : '广东',
  city: null,
  industry: null,
  channel: null,
  campaign: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  notes: null,
});

const V1: VersionedRules = { version: 1, rules: DEFAULT_SCORING_RULES };
const V2_RULES: ScoringRules = {
  ...DEFAULT_SCORING_RULES,
  rules: [{ id: 'zhejiang', name: '浙江客户', kind: 'attribute', field: 'province', op: 'equals', value: '浙江', points: 25 }],
};

describe('RescoreOpenLeadsHandler', () => {
  it('re-scores every open lead scored with older rules, batch by batch, and records a change only for leads whose score moved', async () => {
    const leads = new InMemoryLeads();
    for (let index = 0; index < 7; index++) {
      const lead = Lead.capture({
        id: `lead-${index}`,
        profile: profile(index),
        poolId: 'master',
        poolPath: ['master'],
        ownerId: null,
        matchedCustomerId: null,
        createdBy: 'marketer',
        now: NOW,
      });
      lead.rescore(V1, [], NOW, 'captured');
      leads.seed(lead);
    }
    const rules = new FixedRules({ version: 2, rules: V2_RULES });
    const transactions: number[] = [];
    // The handler runs each batch in a unit of work of its own, outside the caller's transaction;
    // stand-ins that count the units of work are all it needs (the SQL side is in the e2e specs).
    const uow: Pick<UnitOfWork, 'run' | 'flush'> = {
      run: async (work) => {
        transactions.push(1);
        const result = await work();
        await uow.flush();
        return result;
      },
      flush: () => Promise.resolve(),
    };
    const tx: Pick<TransactionHost, 'detached'> = { detached: (work) => work() };
    const handler = new RescoreOpenLeadsHandler(rules, new LeadScorer(leads), uow as UnitOfWork, tx as TransactionHost);

    // One lane (the in-memory store does not lock): three batches, an empty one ending the pass, and the last pass finds nothing.
    expect(await handler.execute(new RescoreOpenLeadsCommand(3, 1))).toEqual({ rescored: 7 });
    expect(leads.batches).toEqual([3, 3, 1, 0, 0]);
    expect(transactions).toHaveLength(5);
    const changed = leads.savedEvents.filter((event) => LeadEvents.scored.matches(event));
    // Leads 0, 2, 4, 6 are in 浙江: they gain 25 points and a grade; the others keep 0 / D and record nothing.
    expect(changed.map((event) => event.aggregateId).sort()).toEqual(['lead-0', 'lead-2', 'lead-4', 'lead-6']);
    expect(changed[0]!.payload).toMatchObject({ cause: 'rules-changed', fromScore: 0, toScore: 25, fromGrade: 'D', toGrade: 'C', rulesVersion: 2 });
    expect(leads.state('lead-1')!.scoring).toMatchObject({ score: 0, rulesVersion: 2 });

    // Nothing is left with older rules: a second run takes nothing.
    expect(await handler.execute(new RescoreOpenLeadsCommand(3, 1))).toEqual({ rescored: 0 });
  });
});
