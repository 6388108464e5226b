import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { Pipeline, type StageDefinition } from '../domain/pipeline.js';
import { Pipelines, type LossReason } from '../domain/pipelines.port.js';
import type { ForecastCategory, RequirableField, StageOutcome } from '../domain/opportunity.types.js';

interface PipelineRow {
  id: string;
  name: string;
  is_default: boolean;
  version: number;
  stages: {
    id: string;
    name: string;
    probability: number;
    forecastCategory: ForecastCategory;
    requiredFields: RequirableField[];
    allowBack: boolean;
    outcome: StageOutcome;
  }[];
}

/** The stages that are in use, in order, as one JSON array per pipeline. */
export const STAGES_JSON = (alias: string) => `
  COALESCE((SELECT json_agg(json_build_object(
      'id', s.id, 'name', s.name, 'probability', s.probability, 'forecastCategory', s.forecast_category,
      'requiredFields', s.required_fields, 'allowBack', s.allow_back, 'outcome', s.outcome) ORDER BY s.position)
    FROM opportunity.stages s WHERE s.pipeline_id = ${alias}.id AND s.removed_at IS NULL), '[]'::json)`;

const LOCKS = { share: 'FOR SHARE', update: 'FOR UPDATE' } as const;

/** Pipelines in opportunity.pipelines and opportunity.stages; loss reasons in opportunity.loss_reasons. */
@Injectable()
export class SqlPipelines extends Pipelines {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  get(id: string, options: { lock?: 'share' | 'update' } = {}): Promise<Pipeline | undefined> {
    return this.load(`p.id = $1`, [id], options.lock);
  }

  getDefault(options: { lock?: 'share' | 'update' } = {}): Promise<Pipeline | undefined> {
    return this.load(`p.is_default`, [], options.lock);
  }

  async add(pipeline: Pipeline): Promise<boolean> {
    const state = pipeline.snapshot();
    const inserted = await this.tx.execute(`INSERT INTO opportunity.pipelines (id, name, is_default, version) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      state.id,
      state.name,
      state.isDefault,
      state.version,
    ]);
    if (inserted.rowCount !== 1) return false;
    await this.writeStages(state.id, state.stages);
    this.uow.track(pipeline);
    return true;
  }

  async save(pipeline: Pipeline, loadedVersion: number): Promise<boolean> {
    const state = pipeline.snapshot();
    if (state.version === loadedVersion) return true;
    const updated = await this.tx.execute(
      `UPDATE opportunity.pipelines SET name = $2, is_default = $3, version = $4, updated_at = now() WHERE id = $1 AND version = $5`,
      [state.id, state.name, state.isDefault, state.version, loadedVersion],
    );
    if (updated.rowCount !== 1) return false;
    await this.writeStages(state.id, state.stages);
    this.uow.track(pipeline);
    return true;
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const row = await this.tx.queryOne(`SELECT 1 FROM opportunity.pipelines WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      name.trim(),
      exceptId ?? null,
    ]);
    return row !== undefined;
  }

  lossReason(id: string): Promise<LossReason | undefined> {
    return this.tx.queryOne<LossReason>(`SELECT id, name FROM opportunity.loss_reasons WHERE id = $1 AND active`, [id]);
  }

  async addLossReason(reason: LossReason, createdAt: Date): Promise<boolean> {
    const inserted = await this.tx.execute(`INSERT INTO opportunity.loss_reasons (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      reason.id,
      reason.name,
      createdAt,
    ]);
    return inserted.rowCount === 1;
  }

  private async load(where: string, params: unknown[], lock?: 'share' | 'update'): Promise<Pipeline | undefined> {
    if (lock) {
      const locked = await this.tx.queryOne<{ id: string }>(`SELECT p.id FROM opportunity.pipelines p WHERE ${where} ${LOCKS[lock]}`, params);
      if (!locked) return undefined;
      [where, params] = [`p.id = $1`, [locked.id]];
    }
    const row = await this.tx.queryOne<PipelineRow>(
      `SELECT p.id, p.name, p.is_default, p.version, ${STAGES_JSON('p')} AS stages FROM opportunity.pipelines p WHERE ${where}`,
      params,
    );
    return row && Pipeline.rehydrate({ id: row.id, name: row.name, isDefault: row.is_default, stages: row.stages, version: row.version });
  }

  /** Stages in the list are written in its order; stages no longer in it are marked removed. */
  private async writeStages(pipelineId: string, stages: readonly StageDefinition[]): Promise<void> {
    await this.tx.query(`UPDATE opportunity.stages SET removed_at = now() WHERE pipeline_id = $1 AND removed_at IS NULL AND NOT (id = ANY($2::uuid[]))`, [
      pipelineId,
      stages.map((stage) => stage.id),
    ]);
    await this.tx.query(
      `INSERT INTO opportunity.stages (id, pipeline_id, position, name, probability, forecast_category, required_fields, allow_back, outcome)
       SELECT (s->>'id')::uuid, $1, i - 1, s->>'name', (s->>'probability')::int, s->>'forecastCategory',
              ARRAY(SELECT jsonb_array_elements_text(s->'requiredFields')), (s->>'allowBack')::boolean, s->>'outcome'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(s, i)
       ON CONFLICT (id) DO UPDATE
          SET position = EXCLUDED.position, name = EXCLUDED.name, probability = EXCLUDED.probability,
              forecast_category = EXCLUDED.forecast_category, required_fields = EXCLUDED.required_fields, allow_back = EXCLUDED.allow_back`,
      [pipelineId, JSON.stringify(stages)],
    );
  }
}
