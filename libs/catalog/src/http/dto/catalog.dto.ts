import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@crm/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

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
  @ApiProperty() version: number;
}

export class ProductLinePageDto {
  @ApiProperty({ type: [ProductLineDto] }) items: ProductLineDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list comes whole.' }) nextCursor: string | null;
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
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productLineId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
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
