import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How contracts and their changes [合同审批 / 合同变更] are approved until administrators say
 * otherwise (PUT /api/v1/approval-processes/contract): the applicant's manager, then a legal review
 * [法务审批] by anyone holding the `legal` role when the amount reaches 500,000, and the department
 * head when the contract is a framework contract [框架合同].
 */
export class ContractApprovalProcess1732505400000 implements MigrationInterface {
  name = 'ContractApprovalProcess1732505400000';

  async up(db: QueryRunner): Promise<void> {
    const steps = [
      { name: '直属上级审批', mode: 'any-of', approvers: { kind: 'manager' } },
      { name: '法务审批', mode: 'any-of', approvers: { kind: 'role', role: 'legal' }, when: [{ fact: 'amount', op: 'gte', value: '500000' }] },
      { name: '部门负责人审批', mode: 'any-of', approvers: { kind: 'department-head' }, when: [{ fact: 'contractType', op: 'in', value: ['framework'] }] },
    ];
    await db.query(`INSERT INTO approval.processes (subject_type, steps) VALUES ('contract', $1::jsonb) ON CONFLICT (subject_type) DO NOTHING`, [
      JSON.stringify(steps),
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM approval.processes WHERE subject_type = 'contract'`);
  }
}
