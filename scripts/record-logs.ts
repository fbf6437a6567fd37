/**
 * Records the event logs of real cases on the shipped processes, for test/fixtures/logs. Run
 * once to add new logs (`npx tsx scripts/record-logs.ts [--only <process>.<case>]`): it writes
 * only files that do not exist yet, because a recorded log is frozen - it is what an old
 * database holds, and test/engine/case/recorded-logs.spec.ts replays it forever.
 *
 * Deterministic: an in-memory engine with a fixed start instant, counter ids, the test
 * working-day calendar and the centre's default 电子监察 rules. Each file holds every case of
 * the family (a 一件事 case and its children) with its hash-chained events and final state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_MATTERS } from '../processes/index.js';
import { matterSnapshot } from '../engine/domain-store/snapshot.js';
import type { MatterSnapshot } from '../engine/domain/index.js';
import type { CaseCommand } from '../engine/case/index.js';
import { chainEvents, GENESIS_HASH } from '../engine/store/hash-chain.js';
import { policyFrom } from '../engine/supervision/index.js';
import { MemoryEngine } from '../test/support/memory-engine.js';
import { testCalendar } from '../test/support/test-calendar.js';

const OUT = fileURLToPath(new URL('../test/fixtures/logs/', import.meta.url));
const APPLICANT = { name: '王小明', idType: '居民身份证', idNumber: '330106199001011234' };
const WINDOW = '窗口-李四';
const OFFICER = '科员-赵六';

type Script = (run: Driver) => void;

interface Driver {
  readonly caseId: string;
  domain(command: Omit<CaseCommand, 'actor'> & { actor?: string }): void;
  task(elementId: string): string;
  complete(elementId: string, variables?: Record<string, unknown>, opinion?: { decision: string; text: string }): void;
  /** Complete open tasks (across the family) until none is left or `stopAt` is open. */
  flow(variables: Record<string, unknown>, stopAt?: string): void;
  advance(duration: string): void;
}

function snapshotOf(processId: string): MatterSnapshot {
  const shipped = SHIPPED_MATTERS.find((m) => m.processId === processId)!;
  const matter = JSON.parse(fs.readFileSync(shipped.matter, 'utf8')) as Parameters<typeof matterSnapshot>[0]['matter'];
  return matterSnapshot({ matterCode: `REC-${processId}`, version: 1, matter } as Parameters<typeof matterSnapshot>[0]);
}

function materialsOf(matter: MatterSnapshot, missing: readonly string[] = []): Record<string, boolean> {
  return Object.fromEntries(
    matter.materials.filter((m) => m.necessity !== 'optional').map((m) => [m.id, !missing.includes(m.id)]),
  );
}

const form = {
  applicantName: '王小明',
  idType: '居民身份证',
  idNumber: '330106199001011234',
  businessName: '杭州西湖小明餐饮店',
  businessAddress: '杭州市西湖区文三路 100 号',
  businessItems: ['热食类食品制售'],
};

/** Cases per process: the paths a case takes through 收件, 受理 and the flow. */
const CASES: Record<string, Record<string, Script>> = {};
for (const { processId } of SHIPPED_MATTERS) {
  const matter = snapshotOf(processId);
  const tolerated = matter.materials.filter((m) => m.necessity === 'tolerated').map((m) => m.id);
  const receive = (run: Driver, missing: readonly string[] = []) =>
    run.domain({
      type: 'case.receive',
      actor: WINDOW,
      data: {
        caseId: run.caseId,
        processId,
        matter,
        applicant: APPLICANT,
        channel: '窗口',
        materials: materialsOf(matter, missing),
        form,
      },
    });
  const grant = {
    办结结果: '出证',
    需要现场核查: true,
    人防审核通过: true,
    消防审核通过: true,
    用地批准通过: true,
    审图意见: [true],
  };
  const cases: Record<string, Script> = {
    concluded: (run) => {
      receive(run);
      run.advance('PT1H');
      run.domain({
        type: 'case.accept',
        actor: WINDOW,
        data: { taskId: run.task('windowAcceptance'), documentNo: '受〔2026〕1号' },
      });
      run.advance('P1D');
      run.flow(grant);
      run.domain({ type: 'case.deliver', actor: WINDOW, data: { method: '窗口领取' } });
    },
    correction: (run) => {
      const defect = matter.materials.find((m) => m.necessity !== 'optional')!.id;
      receive(run, [defect]);
      run.advance('PT1H');
      run.domain({ type: 'case.noticeCorrection', actor: WINDOW, data: { defects: [defect] } });
      run.advance('P1D');
      run.domain({ type: 'materials.supply', actor: WINDOW, data: { materials: [defect], cures: [defect] } });
      run.advance('PT2H');
      run.domain({ type: 'case.accept', actor: WINDOW, data: { taskId: run.task('windowAcceptance') } });
      run.flow({ ...grant, 办结结果: '不予许可', 需要现场核查: false });
    },
    refused: (run) => {
      receive(run);
      run.advance('PT2H');
      run.domain({ type: 'case.refuse', actor: WINDOW, data: { reason: '不属于本机关职权范围' } });
    },
    withdrawn: (run) => {
      receive(run);
      run.domain({ type: 'case.accept', actor: WINDOW, data: { taskId: run.task('windowAcceptance') } });
      run.advance('P1D');
      run.domain({ type: 'case.withdraw', actor: '王小明', data: { reason: '申请人主动撤回' } });
    },
  };
  if (matter.tolerance.allowed && tolerated.length > 0) {
    cases['tolerance'] = (run) => {
      receive(run, tolerated.slice(0, 1));
      run.advance('PT1H');
      run.domain({
        type: 'case.acceptWithTolerance',
        actor: WINDOW,
        data: { commitment: '承诺五个工作日内补交', taskId: run.task('windowAcceptance') },
      });
      run.advance('P1D');
      run.domain({ type: 'materials.supply', actor: WINDOW, data: { materials: tolerated.slice(0, 1) } });
      run.flow(grant);
    };
  }
  if (processId === 'food-licence') {
    // 网上申报 with material files (issue 19): each file a material.filed event carrying its sha256;
    // the 补正 answered with a corrected file, the material's version 2.
    const file = (materialId: string, digit: string, fileName: string) => ({
      materialId,
      sha256: digit.repeat(64),
      size: 20_480,
      mediaType: 'application/pdf',
      fileName,
    });
    cases['online-files'] = (run) => {
      run.domain({
        type: 'case.receive',
        actor: 'applicant-wang',
        data: {
          caseId: run.caseId,
          processId,
          matter,
          applicant: APPLICANT,
          channel: '网上',
          materials: { 'business-licence': true, 'id-card': true },
          form,
          files: [
            file('application', 'a', '食品经营许可申请书.pdf'),
            file('premises-layout', 'b', '平面图.pdf'),
            file('safety-rules', 'c', '管理制度.pdf'),
          ],
        },
      });
      run.advance('PT1H');
      run.domain({ type: 'case.noticeCorrection', actor: WINDOW, data: { defects: ['申请书未签字'] } });
      run.advance('P1D');
      run.domain({
        type: 'materials.supply',
        actor: 'applicant-wang',
        data: { materials: [], cures: ['申请书未签字'], files: [file('application', 'd', '申请书（已签字）.pdf')] },
      });
      run.advance('PT2H');
      run.domain({ type: 'case.accept', actor: WINDOW, data: { taskId: run.task('windowAcceptance') } });
      run.flow({ ...grant, 需要现场核查: false });
    };
  }
  CASES[processId] = cases;
}

async function record(processId: string, name: string, script: Script): Promise<void> {
  const file = path.join(OUT, `${processId}.${name}.json`);
  if (fs.existsSync(file)) {
    console.log(`kept   ${path.basename(file)} (recorded logs are never rewritten)`);
    return;
  }
  const engine = new MemoryEngine({
    clock: '2026-03-02T01:30:00.000Z',
    calendar: testCalendar(),
    supervision: policyFrom({}),
  });
  for (const shipped of SHIPPED_MATTERS) await engine.deploy(shipped.bpmn);
  const caseId = `${processId}-${name}`;
  const openTasks = () =>
    engine
      .family(caseId)
      .flatMap((id) => Object.values(engine.get(id).state.tasks).map((t) => ({ caseId: id, task: t })))
      .sort((a, b) => (a.task.createdAt + a.task.id < b.task.createdAt + b.task.id ? -1 : 1));
  const driver: Driver = {
    caseId,
    domain: (command) => void engine.run(caseId, { actor: OFFICER, ...command } as CaseCommand),
    task: (elementId) => {
      const found = openTasks().find((t) => t.task.elementId === elementId);
      if (!found) throw new Error(`${caseId}: no open task ${elementId}`);
      return found.task.id;
    },
    complete: (elementId, variables = {}, opinion) => {
      const found = openTasks().find((t) => t.task.elementId === elementId)!;
      engine.run(found.caseId, {
        type: 'task.complete',
        actor: found.task.assignee ?? OFFICER,
        data: { taskId: found.task.id, variables, ...(opinion ? { opinion } : {}) },
      });
    },
    flow: (variables, stopAt) => {
      for (let step = 0; step < 100; step++) {
        const open = openTasks();
        const next = open[0];
        if (!next || next.task.elementId === stopAt) return;
        engine.advance('PT4H');
        if ((next.task.elementId === 'decision' || next.task.elementId === 'issueResults') && next.caseId === caseId) {
          const kind = variables['办结结果'] as '出证' | '不予许可';
          engine.run(caseId, {
            type: 'case.conclude',
            actor: OFFICER,
            data: {
              kind,
              taskId: next.task.id,
              ...(kind === '出证'
                ? { licence: { name: '许可证', number: 'JY2026-0001' } }
                : { reason: '不符合法定条件' }),
            },
          });
          continue;
        }
        const opinion = next.task.elementId.toLowerCase().includes('review')
          ? { decision: '通过', text: '材料齐全，符合要求' }
          : undefined;
        engine.run(next.caseId, {
          type: 'task.complete',
          actor: next.task.assignee ?? OFFICER,
          data: { taskId: next.task.id, variables, ...(opinion ? { opinion } : {}) },
        });
      }
      throw new Error(`${caseId}: the flow did not end within 100 tasks`);
    },
    advance: (duration) => engine.advance(duration),
  };
  script(driver);
  const cases = engine.family(caseId).map((id) => {
    const entry = engine.get(id);
    const chained = chainEvents(id, 0, GENESIS_HASH, entry.events);
    return {
      caseId: id,
      events: chained.map(({ seq, prevHash, hash, event }) => ({ seq, prevHash, hash, event })),
      state: entry.state,
    };
  });
  const log = {
    comment: 'Recorded by scripts/record-logs.ts and frozen: never regenerate or edit this file (see README.md here).',
    process: processId,
    case: name,
    recordedAt: '2026-12-05',
    cases,
  };
  fs.writeFileSync(file, `${JSON.stringify(log, null, 1)}\n`);
  console.log(
    `wrote  ${path.basename(file)}: ${cases.map((c) => `${c.caseId} ${c.events.length} events, ${c.state.status}/${c.state.domain?.status ?? '-'}`).join('; ')}`,
  );
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
for (const [processId, cases] of Object.entries(CASES)) {
  for (const [name, script] of Object.entries(cases)) {
    if (only && only !== `${processId}.${name}`) continue;
    try {
      await record(processId, name, script);
    } catch (error) {
      console.error(`failed ${processId}.${name}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}
