import type { StageDefinition } from '../../domain/pipeline.js';
import { STAGES_JSON } from '../../infrastructure/sql-pipelines.js';

/** A pipeline as clients see it: its stages in order. */
export interface PipelineView {
  id: string;
  name: string;
  isDefault: boolean;
  stages: StageDefinition[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PipelineRow {
  id: string;
  name: string;
  is_default: boolean;
  stages: StageDefinition[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const PIPELINE_VIEW_COLUMNS = `p.id, p.name, p.is_default, ${STAGES_JSON('p')} AS stages, p.created_at, p.updated_at, p.version`;

export function toPipelineView(row: PipelineRow): PipelineView {
  return {
    id: row.id,
    name: row.name,
    isDefault: row.is_default,
    stages: row.stages,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
