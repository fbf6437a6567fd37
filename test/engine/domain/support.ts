/** A 食品经营许可 case on the real calendar, for the domain specs. */
import { fileURLToPath } from 'node:url';
import type { MatterSnapshot } from '../../../engine/domain/index.js';
import { TestEngine, type TestEngineOptions } from '../../support/test-engine.js';

export const FOOD_LICENCE: MatterSnapshot = {
  code: '330100-FOOD-01',
  version: 1,
  name: '食品经营许可',
  caseType: 2,
  promisedLimit: { amount: 10, unit: '工作日' },
  materials: [
    { id: 'licence', name: '营业执照', necessity: 'required' },
    { id: 'idCard', name: '法定代表人身份证', necessity: 'required' },
    { id: 'safetyRules', name: '食品安全管理制度', necessity: 'tolerated' },
    { id: 'floorPlan', name: '经营场所平面图', necessity: 'tolerated' },
    { id: 'other', name: '其他说明材料', necessity: 'optional' },
  ],
  tolerance: { allowed: true, supplementDeadline: { amount: 5, unit: '工作日' } },
};

export const APPLICANT = { name: '张三', idType: '居民身份证', idNumber: '330102199001011234' };

export async function domainEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  // Tuesday 2026-09-29 10:00 Beijing time, just before National Day.
  const engine = await TestEngine.create({ start: '2026-09-29T02:00:00.000Z', calendar: true, ...options });
  await engine.deploy(fileURLToPath(new URL('./food-licence.bpmn', import.meta.url)));
  return engine;
}

/** 收件 with these materials handed in (all by default). */
export async function receive(
  engine: TestEngine,
  caseId: string,
  materials: Record<string, boolean> = { licence: true, idCard: true, safetyRules: true, floorPlan: true },
) {
  await engine.store.dispatch(caseId, {
    type: 'case.receive',
    actor: '窗口-李四',
    data: {
      caseId,
      processId: 'foodLicence',
      matter: FOOD_LICENCE,
      applicant: APPLICANT,
      channel: '窗口',
      materials,
      form: { 企业名称: '杭州某某餐饮有限公司' },
    },
  });
}

export async function windowTask(engine: TestEngine, caseId: string): Promise<string> {
  const task = (await engine.store.listTasks({ caseId })).find((t) => t.elementId === 'windowAcceptance');
  if (!task) throw new Error('no window task');
  return task.taskId;
}
