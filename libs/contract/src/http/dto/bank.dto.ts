import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@crm/platform';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { MONEY_PATTERN } from '../../domain/order-money.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES = ['matched', 'proposed', 'unmatched'] as const;

export class CreateBankAccountDto {
  @ApiProperty({ example: '招商银行基本户' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '755900000000001', description: 'Account number [账号], unique.' })
  @Matches(/^[0-9A-Za-z-]{4,40}$/)
  accountNumber: string;

  @ApiPropertyOptional({
    example: '1.00',
    pattern: MONEY_PATTERN.source,
    description: 'Matching tolerance [容差]: a difference up to it is proposed, not reconciled. 0.00 when absent.',
  })
  @IsOptional()
  @Matches(MONEY_PATTERN)
  tolerance?: string;
}

export class CreatedBankAccountDto {
  @ApiProperty({ format: 'uuid', description: 'Send as `X-Bank-Account-Id`.' }) id: string;
  @ApiProperty({ description: 'HMAC-SHA256 secret for `X-Bank-Signature`; answered only now.' }) secret: string;
}

export class BankAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty({ example: '1.00' }) tolerance: string;
}

export class BankAccountPageDto {
  @ApiProperty({ type: [BankAccountDto] }) items: BankAccountDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
}

export class BankNotificationDto {
  @ApiProperty({ example: 'CMB20260305000123', description: "The bank's transaction id [流水号]: a notification is taken once per id." })
  @IsString()
  @Length(1, 100)
  transactionId: string;

  @ApiProperty({ example: '1500.00', pattern: MONEY_PATTERN.source, description: 'Amount received [到账金额], decimal string.' })
  @Matches(MONEY_PATTERN)
  amount: string;

  @ApiPropertyOptional({ example: 'CNY', description: 'CNY when absent.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;

  @ApiProperty({ example: '星河科技有限公司', description: 'Payer name [付款方户名].' })
  @IsString()
  @Length(1, 200)
  payerName: string;

  @ApiPropertyOptional({ example: '货款 SO20261125000001', description: 'Reference [附言]; an order number in it is looked for.' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reference?: string;

  @ApiProperty({ example: '2026-03-05', format: 'date', description: 'Booking date [记账日期].' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  bookedOn: string;
}

export class BankNotificationResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() transactionId: string;
  @ApiProperty({ enum: STATUSES, description: 'matched [已对账] / proposed [建议匹配] / unmatched [待匹配]' }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String }) orderNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The rule that matched [匹配规则].' }) rule: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1.00', description: 'Confidence [置信度].' }) confidence: string | null;
}

export class BankTransactionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bankAccountId: string;
  @ApiProperty() transactionId: string;
  @ApiProperty() amount: string;
  @ApiProperty() currency: string;
  @ApiProperty() payerName: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date' }) bookedOn: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String }) orderNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) paymentId: string | null;
  @ApiProperty({ nullable: true, type: String }) rule: string | null;
  @ApiProperty({ nullable: true, type: String }) confidence: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) matchedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) matchedAt: string | null;
}

export class BankTransactionPageDto {
  @ApiProperty({ type: [BankTransactionDto] }) items: BankTransactionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BankTransactionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'unmatched: the finance queue [待匹配]; proposed: awaiting confirmation.' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class MatchBankTransactionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The order to match; absent to confirm the proposed one.' })
  @IsOptional()
  @IsUUID()
  orderId?: string;

  @ApiPropertyOptional({ description: 'Confirms an amount beyond the order’s open amount [超额回款].' })
  @IsOptional()
  @IsBoolean()
  allowOverpayment?: boolean;
}

export class UndoBankMatchDto {
  @ApiProperty({ example: '付款方非本客户', description: 'Why [撤销原因].' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class MatchedDto {
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() rule: string;
}
