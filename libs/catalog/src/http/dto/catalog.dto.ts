import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@crm/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const MONEY_DESCRIPTION = 'Decimal string with up to 2 decimals, never a JSON number [金额].';

export class CreateProductLineDto {
  @ApiProperty({ example: 'CLOUD', pattern: CODE.source, description: 'Unique code.' })
  @Matches(CODE)
  code: string;

  @ApiProperty({ example: '云服务条线' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Heads [条线负责人]: approve claims involving this line.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  headIds?: string[];
}

export class ChangeProductLineHeadsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  headIds: string[];
}

export class ProductLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], format: 'uuid' }) headIds: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ProductLinePageDto {
  @ApiProperty({ type: [ProductLineDto] }) items: ProductLineDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class ProductChildDto {
  @ApiProperty({ format: 'uuid', description: 'The child product [子产品].' })
  @IsUUID()
  productId: string;

  @ApiProperty({ enum: ['gift', 'bundle'], description: 'gift [赠送]: added at no price; bundle [捆绑]: added and priced into the total.' })
  @IsIn(['gift', 'bundle'])
  kind: 'gift' | 'bundle';

  @ApiProperty({ example: '1', pattern: QUANTITY.source, description: 'Per unit of the parent, as a decimal string.' })
  @Matches(QUANTITY)
  quantity: string;
}

export class CreateProductDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productLineId: string;

  @ApiProperty({ example: 'CLOUD-ECS', pattern: CODE.source })
  @Matches(CODE)
  code: string;

  @ApiProperty({ example: '云服务器' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: '台', description: 'Unit [单位]; 件 when absent.' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  unit?: string;

  @ApiPropertyOptional({ description: 'Published [已发布]: only published products can be priced and sold. False when absent.' })
  @IsOptional()
  @IsBoolean()
  published?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 600, description: 'Warranty [保修] in months, from the hand-off [转案]; 0 when absent.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  warrantyMonths?: number;

  @ApiPropertyOptional({ type: [ProductChildDto], description: 'Child products [父子产品] an order adds with this one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProductChildDto)
  children?: ProductChildDto[];
}

export class PublishProductDto {
  @ApiProperty({ description: 'true publishes [发布], false withdraws [下架].' })
  @IsBoolean()
  published: boolean;
}

export class ProductChildViewDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ enum: ['gift', 'bundle'] }) kind: string;
  @ApiProperty({ example: '1' }) quantity: string;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productLineId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Unit [单位].' }) unit: string;
  @ApiProperty({ description: 'Published [已发布].' }) published: boolean;
  @ApiProperty({ type: 'integer', description: 'Warranty [保修] in months.' }) warrantyMonths: number;
  @ApiProperty({ type: [ProductChildViewDto] }) children: ProductChildViewDto[];
  @ApiProperty({ type: 'integer' }) version: number;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items: ProductDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor: string | null;
}

export class ProductListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productLineId?: string;
}

export class CreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class CreatePriceListDto {
  @ApiProperty({ example: '2026 标准价格表' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: 'CNY', pattern: CURRENCY.source, description: 'ISO 4217; CNY when absent. A parent list must have the same currency.' })
  @IsOptional()
  @Matches(CURRENCY)
  currency?: string;

  @ApiProperty({ example: '2026-01-01', format: 'date', description: 'Valid from [生效日期], inclusive.' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date', description: 'Valid to [失效日期], inclusive; open-ended when absent.' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  validTo?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent list [上级价格表]: asked when this one has no entry for a product at the date.' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class AddPriceEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ example: '1999.00', pattern: MONEY.source, description: `Unit price [单价]. ${MONEY_DESCRIPTION}` })
  @Matches(MONEY)
  unitPrice: string;

  @ApiPropertyOptional({ format: 'date', description: "The entry's own window [生效日期], inclusive; the list's when absent." })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Inclusive.' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  validTo?: string;
}

export class PriceEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ example: '1999.00' }) unitPrice: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validTo: string | null;
  @ApiProperty({ description: 'Deactivated entries stay for the price trace of the orders that used them.' }) active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deactivatedAt: Date | null;
}

export class PriceListDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validTo: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class PriceListDetailDto extends PriceListDto {
  @ApiProperty({ type: [PriceEntryDto] }) entries: PriceEntryDto[];
}

export class PriceListPageDto {
  @ApiProperty({ type: [PriceListDto] }) items: PriceListDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class QuoteLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ example: '2', pattern: QUANTITY.source })
  @Matches(QUANTITY)
  quantity: string;
}

export class PriceQuoteDto {
  @ApiProperty({ example: '2026-03-01', format: 'date', description: 'The date prices are looked up for [价格日期].' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  date: string;

  @ApiProperty({ type: [QuoteLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines: QuoteLineDto[];
}

export class PriceSourceDto {
  @ApiProperty({ enum: ['entry', 'gift'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty() priceListName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) entryId: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The list asked, when a parent list priced it [回退].' }) fellBackFrom: object | null;
}

export class PricedLineDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) productLineId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: 'integer' }) warrantyMonths: number;
  @ApiProperty({ enum: ['product', 'gift', 'bundle'] }) kind: string;
  @ApiProperty({ nullable: true, type: 'integer' }) parentIndex: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) requestIndex: number | null;
  @ApiProperty() quantity: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null when no list valid at the date has an entry.' }) unitPrice: string | null;
  @ApiProperty({ nullable: true, type: PriceSourceDto }) source: PriceSourceDto | null;
}

export class PriceQuoteResultDto {
  @ApiProperty({ type: Object }) priceList: object;
  @ApiProperty({ type: [PricedLineDto] }) lines: PricedLineDto[];
}
