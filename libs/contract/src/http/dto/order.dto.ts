import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@crm/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  Min,
  ValidateNested,
} from 'class-validator';
import { MONEY_PATTERN, PERCENT_PATTERN, QUANTITY_PATTERN } from '../../domain/order-money.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY_DESCRIPTION = 'Decimal string with up to 2 decimals, never a JSON number [金额].';
export const ORDER_STATUSES = ['draft', 'in-approval', 'approved', 'rejected', 'handed-off'] as const;

export class OrderLineInputDto {
  @ApiProperty({ format: 'uuid', description: 'A published product; a parent product adds its child lines [父子产品].' })
  @IsUUID()
  productId: string;

  @ApiProperty({ example: '2', pattern: QUANTITY_PATTERN.source, description: 'Quantity [数量], decimal string.' })
  @Matches(QUANTITY_PATTERN)
  quantity: string;

  @ApiPropertyOptional({
    example: '88.00',
    pattern: MONEY_PATTERN.source,
    description: `Manual unit price [手工改价]: needs order:manual-price and a reason. ${MONEY_DESCRIPTION}`,
  })
  @IsOptional()
  @Matches(MONEY_PATTERN)
  unitPrice?: string;

  @ApiPropertyOptional({ example: '老客户续约价', description: 'Why the price was set by hand (required with unitPrice).' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  manualPriceReason?: string;

  @ApiPropertyOptional({ example: '5', pattern: PERCENT_PATTERN.source, description: 'Discount percent [折扣] 0–100 on this line.' })
  @IsOptional()
  @Matches(PERCENT_PATTERN)
  discountPercent?: string;
}

export class OrderLinesDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Another price list to reprice from.' })
  @IsOptional()
  @IsUUID()
  priceListId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  orderDate?: string;

  @ApiProperty({ type: [OrderLineInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  lines: OrderLineInputDto[];
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid', description: 'A customer you work (held within your scope).' })
  @IsUUID()
  customerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The opportunity [商机] of the same customer the order came from.' })
  @IsOptional()
  @IsUUID()
  opportunityId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The contract [合同] the order executes: same customer, approved or executing; the orders of a non-framework contract cannot exceed its amount.',
  })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiProperty({ format: 'uuid', description: 'Price list [价格表] the lines are priced from.' })
  @IsUUID()
  priceListId: string;

  @ApiProperty({ example: '2026-03-01', format: 'date', description: 'Order date [下单日期]: prices are those valid that day.' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  orderDate: string;

  @ApiProperty({ type: [OrderLineInputDto], description: 'Order lines [订单明细], one product each.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  lines: OrderLineInputDto[];
}

export class PriceTraceDto {
  @ApiProperty({ enum: ['entry', 'gift', 'manual'], description: 'entry: from the price list; gift [赠送]: at no price; manual [手工改价].' }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) priceListId: string | null;
  @ApiProperty({ nullable: true, type: String }) priceListName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) entryId: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'The list asked, when a parent list priced the line [回退].' }) fellBackFrom: object | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a manual price: the list price it replaced.' }) listPrice: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a manual price: why.' }) reason: string | null;
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) productLineId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: 'integer', description: 'Warranty [保修] months.' }) warrantyMonths: number;
  @ApiProperty({ enum: ['product', 'gift', 'bundle'] }) kind: string;
  @ApiProperty({ nullable: true, type: 'integer', description: 'For a child line: the index of the line that added it.' }) parentIndex: number | null;
  @ApiProperty({ example: '2' }) quantity: string;
  @ApiProperty({ example: '33.33' }) unitPrice: string;
  @ApiProperty({ example: '0.00' }) discountPercent: string;
  @ApiProperty({ example: '66.66', description: 'Line total [小计].' }) amount: string;
  @ApiProperty({ type: PriceTraceDto, description: 'Why this price [价格来源].' }) priceSource: PriceTraceDto;
  @ApiProperty({ example: '1', description: 'Taken off by approved reductions [已减数量]; `quantity` stays what was ordered.' }) reducedQuantity: string;
  @ApiProperty({ example: '6.67', description: 'What approved reductions took off this line [已减金额].' }) reducedAmount: string;
  @ApiProperty({ example: '1', description: 'Ordered less reduced [剩余数量].' }) remainingQuantity: string;
  @ApiProperty({ example: '59.99', description: 'Line total less reductions [剩余金额]; the order total is the sum of these.' }) remainingAmount: string;
}

export class OrderSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SO20261125000001', description: 'Order number [订单号].' }) number: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) opportunityId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) contractId: string | null;
  @ApiProperty({ format: 'uuid' }) priceListId: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ format: 'date' }) orderDate: string;
  @ApiProperty({ enum: ORDER_STATUSES, description: '草稿 / 审批中 / 已审批 / 已驳回 / 已转案' }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvalRequestId: string | null;
  @ApiProperty({ example: '99.99', description: 'Total [订单总额], computed on the server.' }) total: string;
  @ApiProperty({ example: '0.00', description: 'Payments in force [已回款].' }) paid: string;
  @ApiProperty({ example: '99.99', description: 'Still to collect [待回款].' }) openAmount: string;
  @ApiProperty({ enum: ['unpaid', 'partially-paid', 'paid', 'over-paid'], description: '未回款 / 部分回款 / 已回清 / 超额回款' }) paymentStatus: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) handedOffAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class OrderDto extends OrderSummaryDto {
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderSummaryDto] }) items: OrderSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: (typeof ORDER_STATUSES)[number];
}

export class SubmittedOrderDto {
  @ApiProperty({ format: 'uuid' }) approvalRequestId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) approverIds: string[];
}

export class RecordPaymentDto {
  @ApiProperty({ example: '5000.00', pattern: MONEY_PATTERN.source, description: `Amount received [回款金额]. ${MONEY_DESCRIPTION}` })
  @Matches(MONEY_PATTERN)
  amount: string;

  @ApiProperty({ example: '2026-03-05', format: 'date', description: 'Date received [回款日期].' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  paidOn: string;

  @ApiProperty({ example: '银行转账', description: 'Method [回款方式].' })
  @IsString()
  @Length(1, 50)
  method: string;

  @ApiProperty({ example: '星河科技有限公司', description: 'Payer [付款方].' })
  @IsString()
  @Length(1, 200)
  payer: string;

  @ApiPropertyOptional({ example: 'SO20261125000001 首款', description: 'Reference [备注/流水号].' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reference?: string;

  @ApiPropertyOptional({ description: 'Confirms an amount beyond the open amount [超额回款]; refused (422) otherwise.' })
  @IsOptional()
  @IsBoolean()
  allowOverpayment?: boolean;
}

export class ReductionLineInputDto {
  @ApiProperty({ type: 'integer', example: 0, description: "Index of the line in the order's `lines` (0 is the first)." })
  @IsInt()
  @Min(0)
  lineIndex: number;

  @ApiProperty({ example: '1', pattern: QUANTITY_PATTERN.source, description: 'Quantity taken back (positive, at most what the line has left).' })
  @Matches(QUANTITY_PATTERN)
  @Matches(/[1-9]/, { message: 'quantity must be positive' })
  quantity: string;
}

export class RequestReductionDto {
  @ApiProperty({ example: '客户退回 1 套', description: 'Why [减单原因].' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;

  @ApiProperty({ type: [ReductionLineInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReductionLineInputDto)
  lines: ReductionLineInputDto[];
}

export class ReductionLineDto {
  @ApiProperty({ type: 'integer' }) lineIndex: number;
  @ApiProperty({ example: '1' }) quantity: string;
  @ApiProperty({ example: '300.00', description: 'Amount taken back from the line.' }) amount: string;
  @ApiProperty({ example: '2', description: 'What the line keeps after this reduction.' }) remainingQuantity: string;
}

export class OrderReductionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({
    enum: ['in-approval', 'approved', 'rejected', 'recalled', 'lapsed'],
    description: '`lapsed`: approved, but the order no longer allowed it when applied (see `lapseCode`).',
  })
  status: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '300.00', description: 'Total taken back from the order.' }) amount: string;
  @ApiProperty({ type: [ReductionLineDto] }) lines: ReductionLineDto[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvalRequestId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'ORDER.REDUCTION_BELOW_PAID' }) lapseCode: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
}

export class OrderReductionListDto {
  @ApiProperty({ type: [OrderReductionDto] }) items: OrderReductionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ReversePaymentDto {
  @ApiProperty({ example: '重复登记', description: 'Why the payment is reversed [冲销原因].' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class RecordedPaymentDto {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ example: '5000.00' }) paid: string;
  @ApiProperty({ enum: ['unpaid', 'partially-paid', 'paid', 'over-paid'] }) paymentStatus: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() amount: string;
  @ApiProperty({ format: 'date' }) paidOn: string;
  @ApiProperty() method: string;
  @ApiProperty() payer: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ enum: ['manual', 'bank'] }) source: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) bankTransactionId: string | null;
  @ApiProperty({ description: 'The rule that reconciled it [匹配规则].' }) rule: string;
  @ApiProperty({ example: '1.00', description: 'Confidence of the match [置信度], 0–1.' }) confidence: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) reversedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reversalReason: string | null;
}

export class PaymentPageDto {
  @ApiProperty({ type: [PaymentDto] }) items: PaymentDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class HandedOffDto {
  @ApiProperty({ format: 'date-time' }) handedOffAt: string;
}
