import { Command } from '@nestjs/cqrs';
import type { ProductChild } from '../../../infrastructure/catalog.repository.js';

export interface CreateProductInput {
  productLineId: string;
  code: string;
  name: string;
  /** 件 when absent. */
  unit?: string;
  /** Only published products [已发布] can be priced and sold; unpublished when absent. */
  published?: boolean;
  /** Warranty [保修] in months, 0 when absent. */
  warrantyMonths?: number;
  /** Child products added with it to an order [父子产品]. */
  children?: ProductChild[];
}

/** Adds a product to a product line. */
export class CreateProductCommand extends Command<{ id: string }> {
  constructor(readonly input: CreateProductInput) {
    super();
  }
}
