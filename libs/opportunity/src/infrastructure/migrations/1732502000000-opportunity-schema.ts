import type { MigrationInterface, QueryRunner } from 'typeorm';

const DEFAULT_PIPELINE_ID = '00000000-0000-7000-8000-00000000b001';

/** The pipeline every installation starts with [新业务]; managers edit it or add others. */
const DEFAULT_STAGES: {
  id: string;
  name: string;
  probability: number;
  forecast: string;
  required: string[];
  outcome: 'open' | 'won' | 'lost';
}[] = [
  { id: '00000000-0000-7000-8000-00000000b011', name: '初步接洽', probability: 10, forecast: 'pipeline', required: [], outcome: 'open' },
  { id: '00000000-0000-7000-8000-00000000b012', name: '需求确认', probability: 30, forecast: 'pipeline', required: ['contacts'], outcome: 'open' },
  { id: '00000000-0000-7000-8000-00000000b013', name: '方案报价', probability: 60, forecast: 'best-case', required: ['products', 'amount'], outcome: 'open' },
  {
    id: '00000000-0000-7000-8000-00000000b014',
    name: '商务谈判',
    probability: 80,
    forecast: 'commit',
    required: ['amount', 'expectedCloseDate', 'products', 'contacts'],
    outcome: 'open',
  },
  { id: '00000000-0000-7000-8000-00000000b015', name: '赢单', probability: 100, forecast: 'closed', required: ['amount', 'products'], outcome: 'won' },
  { id: '00000000-0000-7000-8000-00000000b016', name: '输单', probability: 0, forecast: 'omitted', required: [], outcome: 'lost' },
];

const DEFAULT_LOSS_REASONS = ['价格过高', '产品不满足需求', '选择了竞争对手', '预算取消', '决策延期', '关系不到位'];

/** Who may do what with opportunities, granted to the default roles (administrators edit roles later). */
const GRANTS: Record<string, string[]> = {
  admin: ['opportunity:read', 'opportunity:create', 'opportunity:update', 'opportunity:manage'],
  'sales-manager': ['opportunity:read', 'opportunity:create', 'opportunity:update', 'opportunity:manage'],
  'sales-rep': ['opportunity:read', 'opportunity:create', 'opportunity:update'],
};

/**
 * Opportunities [商机]: pipelines and stages as data, loss reasons, opportunities with their product
 * lines and collaborators, stage history (from, to, when, who, time in the previous stage), transfers
 * and activities. Money is numeric(18,2). Shaped for the funnel, forecast and leaderboard to come:
 * open opportunities by stage and close month, won ones by owner and won_at, history by stage and time.
 */
export class OpportunitySchema1732502000000 implements MigrationInterface {
  name = 'OpportunitySchema1732502000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS opportunity`);
    await db.query(`
      CREATE TABLE opportunity.pipelines (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX pipelines_name_key ON opportunity.pipelines (lower(name))`);
    await db.query(`CREATE UNIQUE INDEX pipelines_one_default_key ON opportunity.pipelines (is_default) WHERE is_default`);
    await db.query(`
      CREATE TABLE opportunity.stages (
        id uuid PRIMARY KEY,
        pipeline_id uuid NOT NULL REFERENCES opportunity.pipelines(id),
        position integer NOT NULL,
        name text NOT NULL,
        probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        forecast_category text NOT NULL CHECK (forecast_category IN ('pipeline', 'best-case', 'commit', 'closed', 'omitted')),
        required_fields text[] NOT NULL DEFAULT '{}',
        allow_back boolean NOT NULL DEFAULT true,
        outcome text NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
        removed_at timestamptz
      )`);
    // Removed stages stay as rows, so history entries that name them still resolve.
    await db.query(`CREATE INDEX stages_pipeline_idx ON opportunity.stages (pipeline_id, position) WHERE removed_at IS NULL`);
    await db.query(`
      CREATE TABLE opportunity.loss_reasons (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX loss_reasons_name_key ON opportunity.loss_reasons (lower(name))`);
    await db.query(`
      CREATE TABLE opportunity.opportunities (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('new', 'renewal', 'upsell')),
        previous_opportunity_id uuid REFERENCES opportunity.opportunities(id),
        pipeline_id uuid NOT NULL REFERENCES opportunity.pipelines(id),
        stage_id uuid NOT NULL REFERENCES opportunity.stages(id),
        stage_entered_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        amount numeric(18, 2) CHECK (amount >= 0),
        currency char(3) NOT NULL,
        amount_follows_lines boolean NOT NULL DEFAULT false,
        expected_close_date date,
        source_kind text NOT NULL CHECK (source_kind IN ('manual', 'lead')),
        lead_id uuid,
        owner_id uuid NOT NULL,
        contact_ids uuid[] NOT NULL DEFAULT '{}',
        competitors jsonb NOT NULL DEFAULT '[]',
        probability_override integer CHECK (probability_override BETWEEN 0 AND 100),
        probability_reason text,
        loss_reason_id uuid REFERENCES opportunity.loss_reasons(id),
        lost_to text,
        won_at timestamptz,
        lost_at timestamptz,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        CHECK ((status = 'won') = (won_at IS NOT NULL) AND (status = 'lost') = (lost_at IS NOT NULL))
      )`);
    // Lists: newest first, by owner, by customer; open ones by stage (removing a stage, the funnel) and by close date (forecast).
    await db.query(`CREATE INDEX opportunities_owner_idx ON opportunity.opportunities (owner_id, id DESC)`);
    await db.query(`CREATE INDEX opportunities_customer_idx ON opportunity.opportunities (customer_id, id DESC)`);
    await db.query(`CREATE INDEX opportunities_open_stage_idx ON opportunity.opportunities (pipeline_id, stage_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX opportunities_open_close_date_idx ON opportunity.opportunities (expected_close_date) WHERE status = 'open'`);
    await db.query(`CREATE INDEX opportunities_won_idx ON opportunity.opportunities (won_at, owner_id) WHERE status = 'won'`);
    await db.query(`
      CREATE TABLE opportunity.lines (
        opportunity_id uuid NOT NULL REFERENCES opportunity.opportunities(id),
        position integer NOT NULL,
        product_id uuid NOT NULL,
        product_line_id uuid NOT NULL,
        quantity numeric(18, 4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 2) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(5, 2) NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (opportunity_id, product_id)
      )`);
    await db.query(`CREATE INDEX lines_product_idx ON opportunity.lines (product_id)`);
    await db.query(`
      CREATE TABLE opportunity.collaborators (
        opportunity_id uuid NOT NULL REFERENCES opportunity.opportunities(id),
        user_id uuid NOT NULL,
        access text NOT NULL CHECK (access IN ('read', 'edit')),
        expires_at timestamptz,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (opportunity_id, user_id)
      )`);
    // The data-scope predicate looks a caller's collaborations up by user.
    await db.query(`CREATE INDEX collaborators_user_idx ON opportunity.collaborators (user_id, opportunity_id)`);
    await db.query(`
      CREATE TABLE opportunity.stage_changes (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity.opportunities(id),
        from_stage_id uuid REFERENCES opportunity.stages(id),
        from_stage_name text,
        to_stage_id uuid NOT NULL REFERENCES opportunity.stages(id),
        to_stage_name text NOT NULL,
        probability integer NOT NULL,
        probability_reason text,
        amount numeric(18, 2),
        changed_at timestamptz NOT NULL,
        changed_by uuid NOT NULL,
        seconds_in_previous_stage bigint,
        cause text NOT NULL CHECK (cause IN ('created', 'manual', 'pipeline-edited'))
      )`);
    await db.query(`CREATE INDEX stage_changes_opportunity_idx ON opportunity.stage_changes (opportunity_id, changed_at, id)`);
    await db.query(`CREATE INDEX stage_changes_to_stage_idx ON opportunity.stage_changes (to_stage_id, changed_at)`);
    await db.query(`
      CREATE TABLE opportunity.transfers (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity.opportunities(id),
        from_user_id uuid NOT NULL,
        to_user_id uuid NOT NULL,
        reason text NOT NULL,
        transferred_by uuid NOT NULL,
        transferred_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX transfers_opportunity_idx ON opportunity.transfers (opportunity_id, transferred_at, id)`);
    await db.query(`
      CREATE TABLE opportunity.activities (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity.opportunities(id),
        customer_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('call', 'visit', 'meeting', 'demo')),
        occurred_at timestamptz NOT NULL,
        summary text NOT NULL,
        next_step text,
        contact_ids uuid[] NOT NULL DEFAULT '{}',
        author_id uuid NOT NULL,
        follow_up_id uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX activities_opportunity_idx ON opportunity.activities (opportunity_id, occurred_at DESC, id DESC)`);

    await db.query(`INSERT INTO opportunity.pipelines (id, name, is_default) VALUES ($1, '新业务', true)`, [DEFAULT_PIPELINE_ID]);
    for (const [position, stage] of DEFAULT_STAGES.entries()) {
      await db.query(
        `INSERT INTO opportunity.stages (id, pipeline_id, position, name, probability, forecast_category, required_fields, allow_back, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [stage.id, DEFAULT_PIPELINE_ID, position, stage.name, stage.probability, stage.forecast, stage.required, stage.outcome === 'open', stage.outcome],
      );
    }
    for (const [index, name] of DEFAULT_LOSS_REASONS.entries()) {
      await db.query(`INSERT INTO opportunity.loss_reasons (id, name) VALUES ($1, $2)`, [
        `00000000-0000-7000-8000-00000000b1${String(index).padStart(2, '0')}`,
        name,
      ]);
    }
    for (const [role, permissions] of Object.entries(GRANTS)) {
      await db.query(
        `UPDATE identity.roles
            SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || $2::text[]) AS p ORDER BY p), updated_at = now()
          WHERE key = $1`,
        [role, permissions],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'opportunity:%' ORDER BY p)`);
    await db.query(`DROP SCHEMA opportunity CASCADE`);
  }
}
