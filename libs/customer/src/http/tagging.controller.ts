import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, DEFAULT_PAGE_SIZE, PageQueryDto, RequirePermissions, UuidParam, wholeList, type Actor } from '@crm/platform';
import { ChangeGroupMembersCommand } from '../application/commands/change-group-members/change-group-members.command.js';
import { CreateGroupCommand } from '../application/commands/create-group/create-group.command.js';
import { CreateSegmentCommand } from '../application/commands/create-segment/create-segment.command.js';
import { CreateTagCommand } from '../application/commands/create-tag/create-tag.command.js';
import { TagCustomerCommand } from '../application/commands/tag-customer/tag-customer.command.js';
import { UntagCustomerCommand } from '../application/commands/untag-customer/untag-customer.command.js';
import { EvaluateSegmentQuery } from '../application/queries/evaluate-segment/evaluate-segment.query.js';
import { ListCustomerTagsQuery } from '../application/queries/list-customer-tags/list-customer-tags.query.js';
import { ListGroupMembersQuery } from '../application/queries/list-group-members/list-group-members.query.js';
import { ListGroupsQuery } from '../application/queries/list-groups/list-groups.query.js';
import { ListSegmentsQuery } from '../application/queries/list-segments/list-segments.query.js';
import { ListTagsQuery } from '../application/queries/list-tags/list-tags.query.js';
import { CustomerPageDto } from './dto/customer.dto.js';
import {
  AddedMembersDto,
  AddMembersDto,
  ApplyTagDto,
  CreateGroupDto,
  CreateSegmentDto,
  CreateTagDto,
  CustomerTagPageDto,
  GroupPageDto,
  IdResultDto,
  SegmentPageDto,
  TagCountDto,
  TagPageDto,
} from './dto/tagging.dto.js';

@ApiTags('Tags, groups and segments')
@ApiBearerAuth()
@Controller('api/v1')
export class TaggingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('tags')
  @RequirePermissions('customer:configure')
  @ApiOperation({ summary: 'Define a tag [新建标签] with category and weight (managers)' })
  @ApiCreatedResponse({ type: IdResultDto })
  @ApiProblems(400, 401, 403, [409, 'Name taken (`TAG.EXISTS`).'])
  createTag(@Body() body: CreateTagDto): Promise<IdResultDto> {
    return this.commands.execute(new CreateTagCommand({ name: body.name, category: body.category, weight: body.weight ?? 1 }));
  }

  @Get('tags')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'All tags [标签库]' })
  @ApiOkResponse({ type: TagPageDto })
  @ApiProblems(401, 403)
  async tags(): Promise<TagPageDto> {
    return wholeList(await this.queries.execute(new ListTagsQuery()));
  }

  @Post('customers/:id/tags')
  @RequirePermissions('customer:update')
  @ApiOperation({ summary: 'Tag a customer [打标签]; tagging again counts up' })
  @ApiCreatedResponse({ type: TagCountDto })
  @ApiProblems(400, 401, 403, 404)
  tag(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: ApplyTagDto): Promise<TagCountDto> {
    return this.commands.execute(new TagCustomerCommand(actor, id, body.tagId));
  }

  @Get('customers/:id/tags')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: "A customer's tags with counts" })
  @ApiOkResponse({ type: CustomerTagPageDto })
  @ApiProblems(400, 401, 403, 404)
  async customerTags(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<CustomerTagPageDto> {
    return wholeList(await this.queries.execute(new ListCustomerTagsQuery(actor, id))) as never;
  }

  @Delete('customers/:id/tags/:tagId')
  @RequirePermissions('customer:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a tag from a customer' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async untag(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('tagId', UuidParam) tagId: string): Promise<void> {
    await this.commands.execute(new UntagCustomerCommand(actor, id, tagId));
  }

  @Post('groups')
  @RequirePermissions('customer:update')
  @ApiOperation({ summary: 'Create a customer group [客户分组]' })
  @ApiCreatedResponse({ type: IdResultDto })
  @ApiProblems(400, 401, 403, [409, 'Name taken (`GROUP.EXISTS`).'])
  createGroup(@CurrentActor() actor: Actor, @Body() body: CreateGroupDto): Promise<IdResultDto> {
    return this.commands.execute(new CreateGroupCommand(actor, body.name));
  }

  @Get('groups')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Customer groups, by name' })
  @ApiOkResponse({ type: GroupPageDto })
  @ApiProblems(400, 401, 403)
  groups(@Query() page: PageQueryDto): Promise<GroupPageDto> {
    return this.queries.execute(new ListGroupsQuery(page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post('groups/:id/members')
  @RequirePermissions('customer:update')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add customers to a group (a customer may be in many)' })
  @ApiOkResponse({ type: AddedMembersDto })
  @ApiProblems(400, 401, 403, 404)
  addMembers(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: AddMembersDto): Promise<AddedMembersDto> {
    return this.commands.execute(new ChangeGroupMembersCommand(actor, id, { add: body.customerIds }));
  }

  @Delete('groups/:id/members/:customerId')
  @RequirePermissions('customer:update')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a customer from a group' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 401, 403, 404)
  async removeMember(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Param('customerId', UuidParam) customerId: string): Promise<void> {
    await this.commands.execute(new ChangeGroupMembersCommand(actor, id, { remove: customerId }));
  }

  @Get('groups/:id/members')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: "The group's customers that you may see" })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400, 401, 403, 404)
  members(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<CustomerPageDto> {
    return this.queries.execute(new ListGroupMembersQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }

  @Post('segments')
  @RequirePermissions('customer:configure')
  @ApiOperation({ summary: 'Save a segment [客群]: conditions over tags and attributes (managers, X-2)' })
  @ApiCreatedResponse({ type: IdResultDto })
  @ApiProblems(400, 401, 403, 404, [409, 'Name taken (`SEGMENT.EXISTS`).'])
  createSegment(@CurrentActor() actor: Actor, @Body() body: CreateSegmentDto): Promise<IdResultDto> {
    return this.commands.execute(new CreateSegmentCommand(actor, { name: body.name, description: body.description ?? null, conditions: body.conditions }));
  }

  @Get('segments')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Saved segments' })
  @ApiOkResponse({ type: SegmentPageDto })
  @ApiProblems(401, 403)
  async segments(): Promise<SegmentPageDto> {
    return wholeList(await this.queries.execute(new ListSegmentsQuery()));
  }

  @Get('segments/:id/customers')
  @RequirePermissions('customer:read')
  @ApiOperation({ summary: 'Evaluate a segment now: the customers it selects, within your data scope' })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400, 401, 403, 404)
  evaluate(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Query() page: PageQueryDto): Promise<CustomerPageDto> {
    return this.queries.execute(new EvaluateSegmentQuery(actor, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor));
  }
}
