import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, RequirePermissions, UuidParam, type Actor } from '@crm/platform';
import { GetContractCollectionQuery } from '../application/queries/get-contract-collection/get-contract-collection.query.js';

export class ContractCollectionDto {
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ example: '100000.00', description: 'Contract amount [合同金额].' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: 'integer' }) orderCount: number;
  @ApiProperty({ example: '60000.00', description: 'Sum of its order totals [已下单].' }) ordered: string;
  @ApiProperty({ example: '25000.00', description: 'Payments in force on its orders [已回款].' }) collected: string;
  @ApiProperty({ nullable: true, type: String, example: '0.2500', description: 'Collection ratio [回款率] collected / amount, 4 decimals.' }) collectionRatio:
    string | null;
}

@ApiTags('Orders')
@ApiBearerAuth()
@Controller('api/v1/contracts')
export class ContractCollectionController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/collection')
  @RequirePermissions('order:read')
  @ApiOperation({
    summary: 'Collection of a contract [合同回款率]',
    description: 'Ordered and collected amounts of its orders, and collected / contract amount.',
  })
  @ApiOkResponse({ type: ContractCollectionDto })
  @ApiProblems(400, 401, 403, [404, 'No such contract, or outside your data scope (`ORDER.CONTRACT_NOT_FOUND`).'])
  collection(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<ContractCollectionDto> {
    return this.queries.execute(new GetContractCollectionQuery(actor, id));
  }
}
