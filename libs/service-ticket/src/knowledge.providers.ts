import type { Provider, Type } from '@nestjs/common';

/** The knowledge base [知识库]: controllers and providers, composed by ServiceTicketModule. */
export const KNOWLEDGE_CONTROLLERS: Type[] = [];
export const KNOWLEDGE_PROVIDERS: Provider[] = [];
