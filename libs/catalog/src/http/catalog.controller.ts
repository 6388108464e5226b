import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, RequirePermissions, UuidParam, wholeList } from '@crm/platform';
import { ChangeProductLineHeadsCommand } from '../application/commands/change-product-line-heads/change-product-line-heads.command.js';
import { CreateProductLineCommand } from '../application/commands/create-product-line/create-product-line.command.js';
import { CreateProductCommand } from '../application/commands/create-product/create-product.command.js';
import { ListProductLinesQuery } from '../application/queries/list-product-lines/list-product-lines.query.js';
import { ListProductsQuery } from '../application/queries/list-products/list-products.query.js';
import {
  ChangeProductLineHeadsDto,
  CreatedDto,
  CreateProductDto,
  CreateProductLineDto,
  ProductLinePageDto,
  ProductListQueryDto,
  ProductPageDto,
} from './dto/catalog.dto.js';

@ApiTags('Catalog')
@ApiBearerAuth()
@Controller('api/v1')
export class CatalogController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('product-lines')
  @RequirePermissions('catalog:manage')
  @ApiOperation({ summary: 'Create a product line [新建条线]' })
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiProblems(400, 401, 403, [409, 'Code taken (`CATALOG.CODE_TAKEN`).'], [422, 'A head is not an active user.'])
  createLine(@Body() body: CreateProductLineDto): Promise<CreatedDto> {
    return this.commands.execute(new CreateProductLineCommand({ code: body.code, name: body.name, headIds: body.headIds ?? [] }));
  }

  @Get('product-lines')
  @ApiOperation({ summary: 'Product lines [条线] and their heads' })
  @ApiOkResponse({ type: ProductLinePageDto })
  @ApiProblems(401)
  async listLines(): Promise<ProductLinePageDto> {
    return wholeList(await this.queries.execute(new ListProductLinesQuery()));
  }

  @Put('product-lines/:id/heads')
  @RequirePermissions('catalog:manage')
  @ApiOperation({ summary: 'Replace the heads of a product line [条线负责人]' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Product line version as an ETag.' })
  @ApiOkResponse({ description: 'New version in the ETag header.' })
  @ApiProblems(400, 401, 403, 404, 412, 422)
  async changeHeads(
    @Param('id', UuidParam) id: string,
    @Body() body: ChangeProductLineHeadsDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ version: number }> {
    const result = await this.commands.execute(new ChangeProductLineHeadsCommand(id, body.headIds, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Post('products')
  @RequirePermissions('catalog:manage')
  @ApiOperation({ summary: 'Add a product to a line [新建产品]' })
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiProblems(400, 401, 403, 404, [409, 'Code taken.'])
  createProduct(@Body() body: CreateProductDto): Promise<CreatedDto> {
    return this.commands.execute(new CreateProductCommand(body));
  }

  @Get('products')
  @ApiOperation({ summary: 'Products by code, optionally of one line' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 401)
  listProducts(@Query() query: ProductListQueryDto): Promise<ProductPageDto> {
    return this.queries.execute(new ListProductsQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, query.productLineId));
  }
}
