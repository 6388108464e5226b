/**
 * The Opportunity context's public surface: its events (see openapi/asyncapi.yaml). Contracts and
 * orders react to `opportunity.won`; the customer 360 timeline shows every opportunity event.
 */
export {
  OpportunityEvents,
  type OpportunityCreatedV1,
  type OpportunityLineV1,
  type OpportunityStageChangedV1,
  type OpportunityWonV1,
  type PipelineStageV1,
} from './events.js';
