import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, DEFAULT_PAGE_SIZE, etagFor, expectedVersionFrom, PageQueryDto, RequirePermissions, UuidParam, wholeList } from '@crm/platform';
import { AddPriceEntryCommand } from '../application/commands/add-price-entry/add-price-entry.command.js';
import { CreatePriceListCommand } from '../application/commands/create-price-list/create-price-list.command.js';
import { DeactivatePriceEntryCommand } from '../application/commands/deactivate-price-entry/deactivate-price-entry.command.js';
import { PublishProductCommand } from '../application/commands/publish-product/publish-product.command.js';
import { GetPriceListQuery } from '../application/queries/get-price-list/get-price-list.query.js';
import { ListPriceListsQuery } from '../application/queries/list-price-lists/list-price-lists.query.js';
import { ResolvePricesQuery } from '../application/queries/resolve-prices/resolve-prices.query.js';
import { ChangeProductLineHeadsCommand } from '../application/commands/change-product-line-heads/change-product-line-heads.command.js';
import { CreateProductLineCommand } from '../application/commands/create-product-line/create-product-line.command.js';
import { CreateProductCommand } from '../application/commands/create-product/create-product.command.js';
import { ListProductLinesQuery } from '../application/queries/list-product-lines/list-product-lines.query.js';
import { ListProductsQuery } from '../application/queries/list-products/list-products.query.js';
import {
  AddPriceEntryDto,
  ChangeProductLineHeadsDto,
  CreatePriceListDto,
  PriceListDetailDto,
  PriceListPageDto,
  PriceQuoteDto,
  PriceQuoteResultDto,
  PublishProductDto,
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

  @Put('products/:id/publication')
  @RequirePermissions('catalog:manage')
  @ApiOperation({ summary: 'Publish [发布] or withdraw [下架] a product', description: 'Only published products can be priced into orders.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Product version as an ETag.' })
  @ApiOkResponse({ description: 'New version in the ETag header.' })
  @ApiProblems(400, 401, 403, [404, 'No such product (`CATALOG.PRODUCT_NOT_FOUND`).'], 412)
  async publish(
    @Param('id', UuidParam) id: string,
    @Body() body: PublishProductDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ version: number }> {
    const result = await this.commands.execute(new PublishProductCommand(id, body.published, expectedVersionFrom(ifMatch)));
    response.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Post('price-lists')
  @RequirePermissions('catalog:manage')
  @ApiOperation({
    summary: 'Create a price list [新建价格表]',
    description: 'A currency, a validity window [生失效时间] and optionally a parent list to fall back to.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key replays the first response.' })
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiProblems(400, 401, 403, [422, 'Parent list unknown, in another currency or too deep (`CATALOG.PARENT_PRICE_LIST_INVALID`).'])
  createPriceList(@Body() body: CreatePriceListDto): Promise<CreatedDto> {
    return this.commands.execute(
      new CreatePriceListCommand({
        name: body.name,
        currency: body.currency ?? 'CNY',
        validFrom: body.validFrom,
        validTo: body.validTo ?? null,
        parentId: body.parentId ?? null,
      }),
    );
  }

  @Get('price-lists')
  @ApiOperation({ summary: 'Price lists [价格表]' })
  @ApiOkResponse({ type: PriceListPageDto })
  @ApiProblems(400, 401)
  listPriceLists(@Query() query: PageQueryDto): Promise<PriceListPageDto> {
    return this.queries.execute(new ListPriceListsQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor));
  }

  @Get('price-lists/:id')
  @ApiOperation({ summary: 'A price list with every entry [价格表明细], active or deactivated' })
  @ApiOkResponse({ type: PriceListDetailDto })
  @ApiProblems(400, 401, [404, 'No such price list (`CATALOG.PRICE_LIST_NOT_FOUND`).'])
  async getPriceList(@Param('id', UuidParam) id: string, @Res({ passthrough: true }) response: Response): Promise<PriceListDetailDto> {
    const list = await this.queries.execute(new GetPriceListQuery(id));
    response.setHeader('ETag', etagFor(list.version));
    return list;
  }

  @Post('price-lists/:id/entries')
  @RequirePermissions('catalog:manage')
  @ApiOperation({ summary: 'Price a product in a list [价格表明细]', description: 'With its own validity window, or the list’s. Entries are never deleted.' })
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiProblems(400, 401, 403, [404, 'No such price list.'], [422, 'Unknown product, or a window that ends before it starts.'])
  addEntry(@Param('id', UuidParam) id: string, @Body() body: AddPriceEntryDto): Promise<CreatedDto> {
    return this.commands.execute(
      new AddPriceEntryCommand(id, { productId: body.productId, unitPrice: body.unitPrice, validFrom: body.validFrom ?? null, validTo: body.validTo ?? null }),
    );
  }

  @Post('price-lists/:id/entries/:entryId/deactivation')
  @RequirePermissions('catalog:manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate a price list entry [停用]', description: 'It no longer prices new orders; orders that used it keep naming it.' })
  @ApiProblems(400, 401, 403, [404, 'No such entry in this list (`CATALOG.PRICE_ENTRY_NOT_FOUND`).'])
  async deactivateEntry(@Param('id', UuidParam) id: string, @Param('entryId', UuidParam) entryId: string): Promise<void> {
    await this.commands.execute(new DeactivatePriceEntryCommand(id, entryId));
  }

  @Post('price-lists/:id/quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Price product lines at a date [报价试算]',
    description:
      'What an order would get: each unit price with how it was found (entry, list, fallback to a parent list), and the child lines parent products add (gifts at zero, bundles priced). Creates nothing.',
  })
  @ApiOkResponse({ type: PriceQuoteResultDto })
  @ApiProblems(
    400,
    401,
    [404, 'No such price list.'],
    [
      422,
      'Unknown (`CATALOG.PRODUCT_NOT_FOUND`) or unpublished (`CATALOG.PRODUCT_NOT_PUBLISHED`) products, or the list is not valid at the date (`CATALOG.PRICE_LIST_NOT_VALID`).',
    ],
  )
  quote(@Param('id', UuidParam) id: string, @Body() body: PriceQuoteDto): Promise<PriceQuoteResultDto> {
    return this.queries.execute(new ResolvePricesQuery(id, body.date, body.lines));
  }

  @Get('products')
  @ApiOperation({ summary: 'Products by code, optionally of one line' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 401)
  listProducts(@Query() query: ProductListQueryDto): Promise<ProductPageDto> {
    return this.queries.execute(new ListProductsQuery(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor, query.productLineId));
  }
}
