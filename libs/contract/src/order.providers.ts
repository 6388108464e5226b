import type { Provider, Type } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { CreateBankAccountHandler } from './application/commands/create-bank-account/create-bank-account.handler.js';
import { MatchBankTransactionHandler } from './application/commands/match-bank-transaction/match-bank-transaction.handler.js';
import { ReceiveBankNotificationHandler } from './application/commands/receive-bank-notification/receive-bank-notification.handler.js';
import { UndoBankMatchHandler } from './application/commands/undo-bank-match/undo-bank-match.handler.js';
import { ListBankAccountsHandler } from './application/queries/list-bank-accounts/list-bank-accounts.handler.js';
import { ListBankTransactionsHandler } from './application/queries/list-bank-transactions/list-bank-transactions.handler.js';
import { BankController } from './http/bank.controller.js';
import { ContractCollectionController } from './http/contract-collection.controller.js';
import { BankRepository } from './infrastructure/bank.repository.js';
import { CreateOrderHandler } from './application/commands/create-order/create-order.handler.js';
import { HandOffOrderHandler } from './application/commands/hand-off-order/hand-off-order.handler.js';
import { RequestOrderReductionHandler } from './application/commands/request-order-reduction/request-order-reduction.handler.js';
import { SettleOrderReductionHandler } from './application/commands/settle-order-reduction/settle-order-reduction.handler.js';
import { ListOrderReductionsHandler } from './application/queries/list-order-reductions/list-order-reductions.handler.js';
import { SettleOrderReductionsReaction } from './application/reactions/settle-order-reductions.reaction.js';
import { BankNotificationLimiter } from './infrastructure/bank-notification-limiter.js';
import { OrderReductionStore } from './infrastructure/order-reduction.store.js';
import { ReversePaymentHandler } from './application/commands/reverse-payment/reverse-payment.handler.js';
import { RecordPaymentHandler } from './application/commands/record-payment/record-payment.handler.js';
import { ReplaceOrderLinesHandler } from './application/commands/replace-order-lines/replace-order-lines.handler.js';
import { SettleOrderApprovalHandler } from './application/commands/settle-order-approval/settle-order-approval.handler.js';
import { SubmitOrderHandler } from './application/commands/submit-order/submit-order.handler.js';
import { FindOrderByNumberHandler } from './application/queries/find-order-by-number/find-order-by-number.handler.js';
import { GetServiceEntitlementsHandler } from './application/queries/get-service-entitlements/get-service-entitlements.handler.js';
import { GetContractCollectionHandler } from './application/queries/get-contract-collection/get-contract-collection.handler.js';
import { GetOrderHandler } from './application/queries/get-order/get-order.handler.js';
import { ListOrderPaymentsHandler } from './application/queries/list-order-payments/list-order-payments.handler.js';
import { ListOrdersHandler } from './application/queries/list-orders/list-orders.handler.js';
import { SettleOrderApprovalsReaction } from './application/reactions/settle-order-approvals.reaction.js';
import { TrackOpportunitiesReaction } from './application/reactions/track-opportunities.reaction.js';
import { OrdersController } from './http/orders.controller.js';
import { OrderRepository } from './infrastructure/order.repository.js';
import { ORDER_PERMISSIONS } from './order.permissions.js';
import './order.messages.js';

/** Orders [订单], payments [回款] and reconciliation: their controllers and providers, composed by ContractModule. */
export const ORDER_CONTROLLERS: Type[] = [OrdersController, BankController, ContractCollectionController];
export const ORDER_PROVIDERS: Provider[] = [
  providePermissions(ORDER_PERMISSIONS),
  OrderRepository,
  BankRepository,
  CreateBankAccountHandler,
  ReceiveBankNotificationHandler,
  MatchBankTransactionHandler,
  UndoBankMatchHandler,
  ListBankAccountsHandler,
  ListBankTransactionsHandler,
  CreateOrderHandler,
  ReplaceOrderLinesHandler,
  SubmitOrderHandler,
  SettleOrderApprovalHandler,
  RecordPaymentHandler,
  ReversePaymentHandler,
  OrderReductionStore,
  BankNotificationLimiter,
  RequestOrderReductionHandler,
  SettleOrderReductionHandler,
  ListOrderReductionsHandler,
  SettleOrderReductionsReaction,
  HandOffOrderHandler,
  GetOrderHandler,
  ListOrdersHandler,
  ListOrderPaymentsHandler,
  GetServiceEntitlementsHandler,
  FindOrderByNumberHandler,
  GetContractCollectionHandler,
  SettleOrderApprovalsReaction,
  TrackOpportunitiesReaction,
];
