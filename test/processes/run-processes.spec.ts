import { expect } from 'chai';
import { MemoryEngine } from '../support/memory-engine.js';
import { SHIPPED_MATTERS } from '../../processes/index.js';
import { staleStep } from '../../engine/operations/index.js';

const fileOf = (processId: string) => SHIPPED_MATTERS.find((m) => m.processId === processId)!.bpmn;

describe('shipped processes run end to end (in memory)', () => {
  let engine: MemoryEngine;
  beforeEach(() => {
    engine = new MemoryEngine();
  });

  const openTasks = (caseId: string) =>
    engine
      .family(caseId)
      .flatMap((id) => Object.values(engine.get(id).state.tasks).map((t) => t.elementId))
      .sort();
  const state = (caseId: string) => engine.get(caseId).state;
  const rootVariables = (caseId: string) => state(caseId).variables[state(caseId).rootInstanceId] ?? {};
  const expectDone = (caseId: string, end: string) => {
    expect(state(caseId).status).to.equal('completed');
    expect(state(caseId).stats.completed[end], `ended at ${end}`).to.equal(1);
    expect(engine.replayMatches(caseId).equal, 'replay equals state').to.equal(true);
  };

  describe('食品经营许可 (food-licence)', () => {
    beforeEach(async () => {
      await engine.deploy(fileOf('food-licence'));
    });
    const form = {
      applicantName: '王小明',
      idType: '居民身份证',
      idNumber: '330106199001011234',
      businessName: '杭州西湖小明餐饮店',
      businessAddress: '杭州市西湖区文三路 100 号',
      businessItems: ['热食类食品制售'],
    };

    it('should run 受理 → 审查 → 现场核查 → 决定 (出证) → 送达', () => {
      const caseId = engine.start('food-licence', { ...form, 办理方式: '一般程序' });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(openTasks(caseId)).to.deep.equal(['review']);
      engine.completeTask(caseId, 'review', { 需要现场核查: true });
      expect(openTasks(caseId)).to.deep.equal(['onSiteInspection']);
      engine.completeTask(caseId, 'onSiteInspection');
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      expect(openTasks(caseId)).to.deep.equal(['deliverLicence']);
      engine.completeTask(caseId, 'deliverLicence');
      expectDone(caseId, 'licenceIssued');
    });

    it('should skip 现场核查 when the review does not ask for it, and deliver a 不予许可 decision by the default flow', () => {
      const caseId = engine.start('food-licence', form);
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '容缺受理' });
      engine.completeTask(caseId, 'review', { 需要现场核查: false });
      expect(openTasks(caseId)).to.deep.equal(['decision']);
      engine.completeTask(caseId, 'decision', { 办结结果: '不予许可' });
      expect(openTasks(caseId)).to.deep.equal(['deliverRefusal']);
      engine.completeTask(caseId, 'deliverRefusal');
      expectDone(caseId, 'licenceRefused');
      expect(state(caseId).stats.completed['onSiteInspection']).to.equal(undefined);
    });

    it('should go straight from 受理 to 决定 under 告知承诺', () => {
      const caseId = engine.start('food-licence', { ...form, 办理方式: '告知承诺' });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(openTasks(caseId)).to.deep.equal(['decision']);
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      engine.completeTask(caseId, 'deliverLicence');
      expectDone(caseId, 'licenceIssued');
      expect(state(caseId).stats.completed['review']).to.equal(undefined);
    });

    it('should end at once on 退件', () => {
      const caseId = engine.start('food-licence', form);
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      engine.completeTask(caseId, 'review', {});
      engine.completeTask(caseId, 'decision', { 办结结果: '退件' });
      expectDone(caseId, 'caseReturned');
    });
  });

  describe('建设工程施工许可 (construction-permit)', () => {
    beforeEach(async () => {
      await engine.deploy(fileOf('construction-permit'));
    });
    const institutions = ['建筑审图中心', '人防审图中心'];

    const reviewAll = (
      caseId: string,
      drawings: readonly boolean[],
      others = { 人防审核通过: true, 消防审核通过: true, 用地批准通过: true },
    ) => {
      engine.completeTask(caseId, 'civilDefenceReview', { 人防审核通过: others.人防审核通过 });
      engine.completeTask(caseId, 'fireDesignReview', { 消防审核通过: others.消防审核通过 });
      engine.completeTask(caseId, 'landUseApproval', { 用地批准通过: others.用地批准通过 });
      for (const passed of drawings) engine.completeTask(caseId, 'jointDrawingReview', { 审图通过: passed });
    };

    it('should open the four reviews at once (联合审图 once per institution) and issue after the 住建 decision', () => {
      const caseId = engine.start('construction-permit', {
        projectName: '西湖区文三路小学新建工程',
        审图机构列表: institutions,
      });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(openTasks(caseId)).to.deep.equal([
        'civilDefenceReview',
        'fireDesignReview',
        'jointDrawingReview',
        'jointDrawingReview',
        'landUseApproval',
      ]);
      reviewAll(caseId, [true, true]);
      expect(openTasks(caseId)).to.deep.equal(['decision']);
      expect(rootVariables(caseId)['审图意见']).to.deep.equal([true, true]);
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      expect(openTasks(caseId)).to.deep.equal(['deliverPermit']);
      engine.completeTask(caseId, 'deliverPermit');
      expectDone(caseId, 'permitIssued');
    });

    it('should review with the three default institutions when the application names none', () => {
      const caseId = engine.start('construction-permit', { projectName: '西湖区某住宅项目' });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(openTasks(caseId).filter((t) => t === 'jointDrawingReview')).to.have.length(3);
    });

    it('should return the application to the applicant when one department rejects, and go round again from the window', () => {
      const caseId = engine.start('construction-permit', {
        projectName: '西湖区文三路小学新建工程',
        审图机构列表: institutions,
      });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      reviewAll(caseId, [true, false]);
      expect(openTasks(caseId)).to.deep.equal(['returnToApplicant']);
      engine.completeTask(caseId, 'returnToApplicant');
      expect(openTasks(caseId)).to.deep.equal(['windowAcceptance']);
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      reviewAll(caseId, [true, true]);
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      engine.completeTask(caseId, 'deliverPermit');
      expectDone(caseId, 'permitIssued');
      expect(state(caseId).stats.completed['windowAcceptance']).to.equal(2);
    });

    /** An officer's 通过 / 不通过 with a written opinion, as the worklist sends it. */
    const decide = (caseId: string, elementId: string, variables: Record<string, unknown>, actor: string) => {
      const task = Object.values(state(caseId).tasks).find((t) => t.elementId === elementId)!;
      const decision = Object.values(variables).includes(false) ? '不通过' : '通过';
      engine.run(caseId, {
        type: 'task.complete',
        actor,
        data: { taskId: task.id, variables, opinion: { decision, text: `${elementId} 审查意见` } },
      });
    };
    const eventsOf = (caseId: string) => engine.get(caseId).events;
    /** What the officer of a cancelled step is told when they open it again (409 TASK_CANCELLED). */
    const toldWhy = (caseId: string, taskId: string) => {
      const history = eventsOf(caseId);
      const created = history.find((e) => e.type === 'task.created' && e.data.taskId === taskId);
      if (created?.type !== 'task.created') throw new Error(`no task ${taskId}`);
      const step = {
        taskId,
        elementId: created.data.elementId,
        name: created.data.name,
        department: created.data.department ?? null,
        windowStep: false,
        state: 'cancelled' as const,
      };
      return staleStep(step, history);
    };
    const tasksAt = (caseId: string, elementId: string) =>
      Object.values(state(caseId).tasks)
        .filter((t) => t.elementId === elementId)
        .map((t) => t.id);

    it('should end the stage at the first 不予许可: the other reviews still open are cancelled, their officers told why, and the case returns to the applicant', () => {
      const caseId = engine.start('construction-permit', { 审图机构列表: institutions });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      decide(caseId, 'civilDefenceReview', { 人防审核通过: true }, 'rf-wang');
      const open = [...tasksAt(caseId, 'landUseApproval'), ...tasksAt(caseId, 'jointDrawingReview')];
      expect(open).to.have.length(3);
      const before = eventsOf(caseId).length;

      decide(caseId, 'fireDesignReview', { 消防审核通过: false }, 'fire-xu');

      expect(openTasks(caseId)).to.deep.equal(['returnToApplicant']);
      const after = eventsOf(caseId).slice(before);
      const thrown = after.find((e) => e.type === 'error.thrown');
      expect(thrown?.data).to.include({ errorCode: 'STAGE_REJECTED', elementId: 'fireDesignRefused' });
      const cancelled = after.flatMap((e) => (e.type === 'task.cancelled' ? [e.data.taskId] : []));
      expect(cancelled).to.have.members(open);
      const stage = after.find((e) => e.type === 'element.terminated' && e.data.elementId === 'parallelReview');
      expect(stage?.data).to.include({ reason: 'interrupted' });
      expect(state(caseId).stats.completed['decision']).to.equal(undefined);
      expect(state(caseId).stats.completed['join']).to.equal(undefined);
      for (const taskId of open) {
        const told = toldWhy(caseId, taskId);
        expect(told).to.deep.include({ status: 409, code: 'TASK_CANCELLED' });
        expect(told!.zh).to.match(/取消：fire-xu 办理「消防设计审核」（不通过）后，该环节不再需要办理$/);
      }
      expect(engine.replayMatches(caseId).equal, 'replay equals state').to.equal(true);

      engine.completeTask(caseId, 'returnToApplicant');
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(openTasks(caseId)).to.have.length(5);
      reviewAll(caseId, [true, true]);
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      engine.completeTask(caseId, 'deliverPermit');
      expectDone(caseId, 'permitIssued');
    });

    it('should end the stage when the first department to answer (人防) refuses, before any other has answered', () => {
      const caseId = engine.start('construction-permit', { 审图机构列表: institutions });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      decide(caseId, 'civilDefenceReview', { 人防审核通过: false }, 'rf-wang');
      expect(openTasks(caseId)).to.deep.equal(['returnToApplicant']);
      expect(eventsOf(caseId).filter((e) => e.type === 'task.cancelled')).to.have.length(4);
      expect(state(caseId).stats.completed['civilDefenceRefused']).to.equal(1);
    });

    it('should end 联合审图 and the stage at one institution’s 不通过, cancelling the other institution’s 审图 too', () => {
      const caseId = engine.start('construction-permit', { 审图机构列表: institutions });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      decide(caseId, 'landUseApproval', { 用地批准通过: true }, 'land-zhou');
      const [first, second] = tasksAt(caseId, 'jointDrawingReview');
      engine.run(caseId, {
        type: 'task.complete',
        actor: 'drawing-chen',
        data: {
          taskId: first!,
          variables: { 审图通过: false },
          opinion: { decision: '不通过', text: '人防设计不符合规范' },
        },
      });
      expect(openTasks(caseId)).to.deep.equal(['returnToApplicant']);
      expect(rootVariables(caseId)['审图意见'], 'the other institution never answered').to.deep.equal([false, null]);
      const cancelled = eventsOf(caseId).flatMap((e) => (e.type === 'task.cancelled' ? [e.data.taskId] : []));
      expect(cancelled).to.include(second);
      expect(toldWhy(caseId, second!)!.zh).to.contain('drawing-chen 办理「联合审图」（不通过）');
      expect(state(caseId).stats.completed['drawingReviewRefused']).to.equal(1);
      expect(engine.replayMatches(caseId).equal, 'replay equals state').to.equal(true);
    });

    it('should deliver a 不予许可 decision by the default flow', () => {
      const caseId = engine.start('construction-permit', { 审图机构列表: institutions });
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      reviewAll(caseId, [true, true]);
      engine.completeTask(caseId, 'decision', { 办结结果: '不予许可' });
      engine.completeTask(caseId, 'deliverRefusal');
      expectDone(caseId, 'permitRefused');
    });
  });

  describe('最低生活保障 (minimum-living-allowance)', () => {
    it('should run 村（社区）→ 乡镇（街道）→ 公示 → 县民政 → 送达', async () => {
      await engine.deploy(fileOf('minimum-living-allowance'));
      const caseId = engine.start('minimum-living-allowance', {
        applicantName: '李阿婆',
        idType: '居民身份证',
        idNumber: '330106195001011228',
      });
      const steps = ['windowAcceptance', 'householdSurvey', 'townshipReview', 'publicNotice', 'countyReview'];
      for (const step of steps) {
        expect(openTasks(caseId)).to.deep.equal([step]);
        engine.completeTask(caseId, step, step === 'windowAcceptance' ? { 受理结果: '受理' } : {});
      }
      engine.completeTask(caseId, 'decision', { 办结结果: '出证' });
      engine.completeTask(caseId, 'deliverCertificate');
      expectDone(caseId, 'allowanceGranted');
    });
  });

  describe('企业开办一件事 (business-startup)', () => {
    beforeEach(async () => {
      await engine.deploy(fileOf('business-startup'));
    });
    const form = {
      companyName: '杭州西湖云帆科技有限公司',
      companyType: '有限责任公司（自然人投资或控股）',
      registeredCapital: 100,
      address: '杭州市西湖区文三路 200 号 5 楼',
      businessScope: '技术服务、技术开发、技术咨询',
      legalRepresentative: {
        name: '陈云帆',
        idType: '居民身份证',
        idNumber: '330106198801011236',
        phone: '13800000000',
      },
      sealTypes: ['公章', '财务专用章', '发票专用章'],
      invoiceTypes: ['数电发票（普通发票）'],
      employeeCount: 5,
      housingFundRate: 0.12,
    };
    const children = (caseId: string) => engine.family(caseId).slice(1);
    const childOf = (caseId: string, processId: string) =>
      children(caseId).find((id) => state(id).processId === processId)!;

    it('should run 营业执照 first, then the four child matters in parallel, and complete only after all four', () => {
      const caseId = engine.start('business-startup', form);
      engine.completeTask(caseId, 'windowAcceptance', { 受理结果: '受理' });
      expect(children(caseId)).to.have.length(1);
      const licence = childOf(caseId, 'business-startup-licence');
      expect(state(licence).variables[state(licence).rootInstanceId]).to.include({
        companyName: form.companyName,
        registeredCapital: 100,
      });
      engine.completeTask(caseId, 'registration', {
        licenceNo: '330106000123456',
        unifiedCreditCode: '91330106MA2KXXXX0X',
      });
      expect(rootVariables(caseId)).to.include({
        businessLicenceNo: '330106000123456',
        unifiedCreditCode: '91330106MA2KXXXX0X',
      });

      expect(children(caseId)).to.have.length(5);
      const parallel = [
        'business-startup-seal',
        'business-startup-invoice',
        'business-startup-social-security',
        'business-startup-housing-fund',
      ];
      for (const processId of parallel) {
        const child = childOf(caseId, processId);
        expect(state(child).status, processId).to.equal('active');
        expect(state(child).variables[state(child).rootInstanceId], processId).to.include({
          unifiedCreditCode: '91330106MA2KXXXX0X',
          companyName: form.companyName,
        });
      }
      const results: [string, Record<string, unknown>][] = [
        ['sealFiling', { sealFilingNo: '3301060012345' }],
        ['invoiceIssuance', { taxpayerStatus: '小规模纳税人', invoiceQuota: 100000 }],
        ['socialInsuranceRegistration', { socialInsuranceNo: '33010620260001' }],
      ];
      for (const [task, variables] of results) engine.completeTask(caseId, task, variables);
      const completed = () => children(caseId).filter((id) => state(id).status === 'completed').length;
      expect(completed()).to.equal(4);
      expect(state(caseId).status).to.equal('active');
      expect(openTasks(caseId)).to.deep.equal(['housingFundOpening']);

      engine.completeTask(caseId, 'housingFundOpening', { housingFundAccountNo: '1020003300123' });
      expect(completed()).to.equal(5);
      expect(openTasks(caseId)).to.deep.equal(['issueResults']);
      expect(rootVariables(caseId)).to.include({
        sealFilingNo: '3301060012345',
        taxpayerStatus: '小规模纳税人',
        invoiceQuota: 100000,
        socialInsuranceNo: '33010620260001',
        housingFundAccountNo: '1020003300123',
      });
      engine.completeTask(caseId, 'issueResults', { 办结结果: '出证' });
      engine.completeTask(caseId, 'deliverResults');
      expectDone(caseId, 'opened');
      for (const child of children(caseId)) expect(engine.replayMatches(child).equal).to.equal(true);
    });
  });
});
