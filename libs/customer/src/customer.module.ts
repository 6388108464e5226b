import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { ChangeGroupMembersHandler } from './application/commands/change-group-members/change-group-members.handler.js';
import { CreateGroupHandler } from './application/commands/create-group/create-group.handler.js';
import { CreateSegmentHandler } from './application/commands/create-segment/create-segment.handler.js';
import { CreateTagHandler } from './application/commands/create-tag/create-tag.handler.js';
import { TagCustomerHandler } from './application/commands/tag-customer/tag-customer.handler.js';
import { UntagCustomerHandler } from './application/commands/untag-customer/untag-customer.handler.js';
import { EvaluateSegmentHandler } from './application/queries/evaluate-segment/evaluate-segment.handler.js';
import { ListCustomerTagsHandler } from './application/queries/list-customer-tags/list-customer-tags.handler.js';
import { ListGroupMembersHandler } from './application/queries/list-group-members/list-group-members.handler.js';
import { ListGroupsHandler } from './application/queries/list-groups/list-groups.handler.js';
import { ListSegmentsHandler } from './application/queries/list-segments/list-segments.handler.js';
import { ListTagsHandler } from './application/queries/list-tags/list-tags.handler.js';
import { TagActiveCustomersReaction } from './application/reactions/tag-active-customers.reaction.js';
import { TaggingController } from './http/tagging.controller.js';
import { TaggingRepository } from './infrastructure/tagging.repository.js';
import { CreateCustomerHandler } from './application/commands/create-customer/create-customer.handler.js';
import { RecordFollowUpHandler } from './application/commands/record-follow-up/record-follow-up.handler.js';
import { ReplaceGradePolicyHandler } from './application/commands/replace-grade-policy/replace-grade-policy.handler.js';
import { UpdateCustomerHandler } from './application/commands/update-customer/update-customer.handler.js';
import { CheckCustomerWorkableHandler } from './application/queries/check-customer-workable/check-customer-workable.handler.js';
import { FilterVisibleCustomersHandler } from './application/queries/filter-visible-customers/filter-visible-customers.handler.js';
import { FindWorkableCustomersHandler } from './application/queries/find-workable-customers/find-workable-customers.handler.js';
import { FindDuplicateCustomersHandler } from './application/queries/find-duplicate-customers/find-duplicate-customers.handler.js';
import { MatchCustomersHandler } from './application/queries/match-customers/match-customers.handler.js';
import { GetCustomerTimelineHandler } from './application/queries/get-customer-timeline/get-customer-timeline.handler.js';
import { GetCustomerHandler } from './application/queries/get-customer/get-customer.handler.js';
import { GetGradePolicyHandler } from './application/queries/get-grade-policy/get-grade-policy.handler.js';
import { ListCustomersHandler } from './application/queries/list-customers/list-customers.handler.js';
import { ListCustomerSummariesHandler } from './application/queries/list-customer-summaries/list-customer-summaries.handler.js';
import { ListFollowUpsHandler } from './application/queries/list-follow-ups/list-follow-ups.handler.js';
import { ProjectCustomerHoldersReaction } from './application/reactions/project-customer-holders.reaction.js';
import { ProjectCustomerTimelineReaction } from './application/reactions/project-customer-timeline.reaction.js';
import { ProjectCustomerOpportunitiesReaction } from './application/reactions/project-customer-opportunities.reaction.js';
import { CustomerRepository } from './infrastructure/customer.repository.js';
import { CustomersController } from './http/customers.controller.js';
import { GradePolicyController } from './http/grade-policy.controller.js';
import { CUSTOMER_PERMISSIONS } from './customer.permissions.js';
import './customer.messages.js';

/** Customer [客户] context: enterprise and individual customers, follow-ups, grades, tags, groups, segments, the 360 timeline. */
@Module({
  controllers: [CustomersController, GradePolicyController, TaggingController],
  providers: [
    providePermissions(CUSTOMER_PERMISSIONS),
    CustomerRepository,
    CreateCustomerHandler,
    UpdateCustomerHandler,
    RecordFollowUpHandler,
    ReplaceGradePolicyHandler,
    GetCustomerHandler,
    ListCustomersHandler,
    FindDuplicateCustomersHandler,
    MatchCustomersHandler,
    GetCustomerTimelineHandler,
    ListFollowUpsHandler,
    ListCustomerSummariesHandler,
    FilterVisibleCustomersHandler,
    FindWorkableCustomersHandler,
    CheckCustomerWorkableHandler,
    GetGradePolicyHandler,
    ProjectCustomerTimelineReaction,
    ProjectCustomerHoldersReaction,
    ProjectCustomerOpportunitiesReaction,
    TaggingRepository,
    CreateTagHandler,
    TagCustomerHandler,
    UntagCustomerHandler,
    CreateGroupHandler,
    ChangeGroupMembersHandler,
    CreateSegmentHandler,
    ListTagsHandler,
    ListCustomerTagsHandler,
    ListGroupsHandler,
    ListGroupMembersHandler,
    ListSegmentsHandler,
    EvaluateSegmentHandler,
    TagActiveCustomersReaction,
  ],
})
export class CustomerModule {}
