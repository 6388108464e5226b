import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConfigureApprovalProcessCommand } from '@crm/contracts/approval';
import { AddPriceEntryCommand, CreatePriceListCommand, CreateProductCommand, CreateProductLineCommand } from '@crm/contracts/catalog';
import { CreateCustomerCommand, type CreateCustomerInput } from '@crm/contracts/customer';
import { ChangeStageCommand, CreateOpportunityCommand, type CreateOpportunityInput } from '@crm/contracts/opportunity';
import { ChangePoolCommand } from '@crm/contracts/pool';
import {
  ChangeKnowledgeArticleStatusCommand,
  CreateTicketTypeCommand,
  SaveSlaPolicyCommand,
  WriteKnowledgeArticleCommand,
} from '@crm/contracts/service-ticket';
import { IdentityService } from '@crm/identity';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';

const DEMO_PASSWORD = 'demo1234';
/** The public pool [公海] every installation starts with. */
const DEMO_POOL_ID = '00000000-0000-7000-8000-0000000000a1';

export const DEMO_LOGINS: { username: string; displayName: string; roles: string[]; team: 'shanghai' | 'hangzhou' | null }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], team: null },
  { username: 'manager.zhao', displayName: '赵经理', roles: ['sales-manager'], team: 'shanghai' },
  { username: 'rep.li', displayName: '李销售', roles: ['sales-rep'], team: 'shanghai' },
  { username: 'rep.wang', displayName: '王销售', roles: ['sales-rep'], team: 'shanghai' },
  { username: 'rep.chen', displayName: '陈销售', roles: ['sales-rep'], team: 'hangzhou' },
  { username: 'head.zhou', displayName: '周条线', roles: ['line-head'], team: 'hangzhou' },
  { username: 'finance.qian', displayName: '钱财务', roles: ['finance'], team: null },
  { username: 'service.sun', displayName: '孙客服', roles: ['service-agent'], team: null },
  { username: 'marketing.wu', displayName: '吴市场', roles: ['marketing'], team: null },
];

const DEMO_CUSTOMERS: { owner: string | null; input: Omit<CreateCustomerInput, 'ownerId'> }[] = [
  {
    owner: 'rep.li',
    input: {
      kind: 'enterprise',
      profile: {
        name: '上海浦江智能制造有限公司',
        shortName: '浦江智造',
        industry: 'manufacturing',
        creditCode: '91310000MA1FL0001R',
        country: 'CN',
        province: '上海',
        city: '上海',
        size: 'large',
        type: 'private',
        phone: '021-55550001',
        email: null,
        website: 'https://pujiang.example',
        parentId: null,
      },
    },
  },
  {
    owner: 'rep.wang',
    input: {
      kind: 'enterprise',
      profile: {
        name: '杭州云栖科技有限公司',
        shortName: '云栖',
        industry: 'software',
        creditCode: null,
        country: 'CN',
        province: '浙江',
        city: '杭州',
        size: 'medium',
        type: 'private',
        phone: '0571-88886666',
        email: null,
        website: null,
        parentId: null,
      },
    },
  },
  {
    owner: null,
    input: {
      kind: 'enterprise',
      profile: {
        name: '南京长江物流集团有限公司',
        shortName: '长江物流',
        industry: 'logistics',
        creditCode: null,
        country: 'CN',
        province: '江苏',
        city: '南京',
        size: 'large',
        type: 'state-owned',
        phone: null,
        email: null,
        website: null,
        parentId: null,
      },
    },
  },
  {
    owner: null,
    input: {
      kind: 'enterprise',
      profile: {
        name: '苏州工业园区精密零件有限公司',
        shortName: '精密零件',
        industry: 'manufacturing',
        creditCode: null,
        country: 'CN',
        province: '江苏',
        city: '苏州',
        size: 'medium',
        type: 'private',
        phone: '0512-66668888',
        email: null,
        website: null,
        parentId: null,
      },
    },
  },
  {
    owner: 'rep.chen',
    input: {
      kind: 'individual',
      profile: {
        name: '刘女士',
        shortName: null,
        industry: null,
        creditCode: null,
        country: 'CN',
        province: '浙江',
        city: '宁波',
        size: null,
        type: 'individual',
        phone: '13800138000',
        email: 'liu@example.com',
        website: null,
        parentId: null,
      },
    },
  },
];

/** The default pipeline 新业务 and a loss reason, as the Opportunity migration seeds them. */
const STAGES = { quotation: '00000000-0000-7000-8000-00000000b013', won: '00000000-0000-7000-8000-00000000b015', lost: '00000000-0000-7000-8000-00000000b016' };
const PRICE_TOO_HIGH = '00000000-0000-7000-8000-00000000b100';

/** Opportunities [商机] in the default pipeline: open at two stages, one won, one lost (by customer index in DEMO_CUSTOMERS). */
const DEMO_OPPORTUNITIES: {
  customer: number;
  name: string;
  amount: string | null;
  closeInMonths: number;
  products: [code: string, quantity: string, unitPrice: string][];
  moves: (keyof typeof STAGES)[];
}[] = [
  { customer: 0, name: 'MES 二期升级', amount: '180000.00', closeInMonths: 2, products: [], moves: [] },
  { customer: 0, name: '云服务器扩容', amount: null, closeInMonths: 1, products: [['ECS', '20', '3000.00']], moves: ['quotation'] },
  { customer: 0, name: '安全加固项目', amount: null, closeInMonths: 0, products: [['WAF', '2', '45000.00']], moves: ['quotation', 'won'] },
  { customer: 1, name: '数据库迁移', amount: '96000.00', closeInMonths: 3, products: [['RDS', '4', '24000.00']], moves: ['lost'] },
  { customer: 4, name: '个人云主机', amount: '3600.00', closeInMonths: 1, products: [], moves: [] },
];

/**
 * Demo organisation, users and customers, loaded once (first start, or CRM_DEMO=1 on a server),
 * in one transaction so a crash leaves nothing half-loaded.
 */
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly tx: TransactionHost,
    private readonly identity: IdentityService,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    await this.tx.run(async () => {
      const claimed = await this.tx.execute(`INSERT INTO platform.settings (key, value) VALUES ('demo-data-loaded', to_jsonb(now())) ON CONFLICT DO NOTHING`);
      if (claimed.rowCount === 0) return;
      const department = await this.identity.createDepartment('华东销售部', null);
      const teams = {
        shanghai: await this.identity.createTeam('上海一组', department.id),
        hangzhou: await this.identity.createTeam('杭州一组', department.id),
      };
      const ids = new Map<string, string>();
      for (const login of DEMO_LOGINS) {
        const user = await this.identity.createUser({
          username: login.username,
          displayName: login.displayName,
          password: DEMO_PASSWORD,
          roles: login.roles,
          departmentId: department.id,
          teamId: login.team ? teams[login.team].id : undefined,
        });
        ids.set(login.username, user.id);
      }
      const admin = (await this.identity.actorFor(ids.get('admin')!))!;
      const customerIds: string[] = [];
      for (const customer of DEMO_CUSTOMERS) {
        const ownerId = customer.owner ? ids.get(customer.owner)! : null;
        customerIds.push((await this.commands.execute(new CreateCustomerCommand(admin, { ...customer.input, ownerId }))).id);
      }
      // Product lines with heads, and a public pool where grade A needs a manager or an approval.
      const cloud = await this.commands.execute(new CreateProductLineCommand({ code: 'CLOUD', name: '云服务', headIds: [ids.get('head.zhou')!] }));
      const security = await this.commands.execute(new CreateProductLineCommand({ code: 'SEC', name: '安全', headIds: [ids.get('manager.zhao')!] }));
      const products = new Map<string, string>();
      for (const [code, name, line] of [
        ['ECS', '云服务器', cloud.id],
        ['RDS', '云数据库', cloud.id],
        ['WAF', 'Web应用防火墙', security.id],
      ] as const) {
        const product = await this.commands.execute(new CreateProductCommand({ productLineId: line, code, name, published: true, warrantyMonths: 12 }));
        products.set(code, product.id);
        ids.set(code, product.id);
      }
      // A bundle [捆绑] with a gift [赠送], and a price list [价格表] for orders.
      const setup = await this.commands.execute(
        new CreateProductCommand({ productLineId: cloud.id, code: 'SETUP', name: '上云实施服务', unit: '次', published: true }),
      );
      const bundle = await this.commands.execute(
        new CreateProductCommand({
          productLineId: cloud.id,
          code: 'ECS-PKG',
          name: '云服务器上云套餐',
          unit: '套',
          published: true,
          warrantyMonths: 12,
          children: [
            { productId: products.get('ECS')!, kind: 'bundle', quantity: '1' },
            { productId: setup.id, kind: 'gift', quantity: '1' },
          ],
        }),
      );
      const priceList = await this.commands.execute(
        new CreatePriceListCommand({ name: '标准价格表', currency: 'CNY', validFrom: '2024-01-01', validTo: null, parentId: null }),
      );
      for (const [productId, unitPrice] of [
        [products.get('ECS')!, '4800.00'],
        [products.get('RDS')!, '6600.00'],
        [products.get('WAF')!, '12000.00'],
        [setup.id, '2000.00'],
        [bundle.id, '1200.00'],
      ] as const) {
        await this.commands.execute(new AddPriceEntryCommand(priceList.id, { productId, unitPrice, validFrom: null, validTo: null }));
      }
      await this.loadOpportunities(customerIds, ids);
      await this.commands.execute(
        new ConfigureApprovalProcessCommand(
          'claim-application',
          [{ name: '条线负责人审批', mode: 'any-of', approvers: { kind: 'line-heads' } }],
          [ids.get('manager.zhao')!],
        ),
      );
      await this.commands.execute(
        new ChangePoolCommand(admin, DEMO_POOL_ID, {
          rules: { gradeRights: { A: ['sales-manager'] }, maxHeldByRole: { 'sales-rep': 200 }, maxClaimsPerDay: 20 },
        }),
      );
      // Ticket types [工单类型]: repairs check the customer's entitlement, enquiries and complaints do not.
      const repair = await this.commands.execute(
        new CreateTicketTypeCommand(null, { name: '报修', eligibilityPolicy: 'accept-flagged', reopenWindowDays: 7, active: true }),
      );
      for (const name of ['硬件故障', '软件故障']) {
        await this.commands.execute(
          new CreateTicketTypeCommand(repair.typeId, { name, eligibilityPolicy: 'accept-flagged', reopenWindowDays: 7, active: true }),
        );
      }
      for (const name of ['咨询', '投诉']) {
        await this.commands.execute(new CreateTicketTypeCommand(null, { name, eligibilityPolicy: 'not-checked', reopenWindowDays: 3, active: true }));
      }
      // SLA policies [SLA策略] on the default business calendar, and published answers suggested while tickets are written [知识库].
      const sla = { ticketTypeIds: [], customerGrades: [], contractIds: [], warningPercent: 80, active: true };
      await this.commands.execute(
        new SaveSlaPolicyCommand(
          null,
          { ...sla, name: '紧急与高优先级', priorities: ['urgent', 'high'], firstResponseMinutes: 30, resolutionMinutes: 480 },
          undefined,
        ),
      );
      await this.commands.execute(
        new SaveSlaPolicyCommand(null, { ...sla, name: '标准', priorities: [], firstResponseMinutes: 120, resolutionMinutes: 1440 }, undefined),
      );
      for (const [question, answer, tags] of [
        [
          '云服务器无法远程登录怎么办？',
          '先在控制台确认实例处于运行中，再检查安全组是否放行 22 或 3389 端口；仍无法登录可在控制台使用远程连接（VNC）重置密码。',
          ['云服务器', '登录'],
        ],
        ['云数据库连接数满了如何处理？', '在控制台查看当前会话，结束长时间空闲的连接；应用侧请使用连接池并设置最大连接数，必要时升级实例规格。', ['云数据库']],
        ['Web应用防火墙误拦截正常请求', '在防护记录中找到被拦截的请求，将对应规则设为观察模式或为该路径添加白名单，确认无误后再恢复拦截。', ['WAF', '误拦截']],
      ] as const) {
        const { articleId } = await this.commands.execute(
          new WriteKnowledgeArticleCommand(admin, { question, answer, productId: null, ticketTypeId: null, tags: [...tags] }),
        );
        await this.commands.execute(new ChangeKnowledgeArticleStatusCommand(articleId, 'publish', undefined));
      }
      this.logger.log(
        `Loaded demo data: ${DEMO_LOGINS.length} users, ${DEMO_CUSTOMERS.length} customers, ${DEMO_OPPORTUNITIES.length} opportunities, products and prices, ticket types, SLA, knowledge`,
      );
    });
  }

  /** Each opportunity opened and moved by its customer's owner, as they would through the API. */
  private async loadOpportunities(customerIds: string[], ids: Map<string, string>): Promise<void> {
    const today = new Date();
    for (const demo of DEMO_OPPORTUNITIES) {
      const owner = (await this.identity.actorFor(ids.get(DEMO_CUSTOMERS[demo.customer]!.owner!)!))!;
      const close = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + demo.closeInMonths + 1, 0));
      const input: CreateOpportunityInput = {
        customerId: customerIds[demo.customer]!,
        name: demo.name,
        type: 'new',
        previousOpportunityId: null,
        amount: demo.amount,
        currency: 'CNY',
        amountFollowsLines: demo.amount === null,
        expectedCloseDate: close.toISOString().slice(0, 10),
        source: { kind: 'manual', leadId: null },
        contactIds: [],
        products: demo.products.map(([code, quantity, unitPrice]) => ({ productId: ids.get(code)!, quantity, unitPrice, discountPercent: '0' })),
        competitors: [],
      };
      const { id } = await this.commands.execute(new CreateOpportunityCommand(owner, input));
      for (const move of demo.moves) {
        await this.commands.execute(
          new ChangeStageCommand(owner, id, { toStageId: STAGES[move], ...(move === 'lost' ? { lossReasonId: PRICE_TOO_HIGH } : {}) }),
        );
      }
    }
  }
}
