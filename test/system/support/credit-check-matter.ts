/**
 * A matter whose process calls other systems, as an administrator publishes it (POST
 * /api/definitions, POST /api/matters): 收件 starts `system-credit-check`; its service task
 * 信用核查 is an external task of the topic `credit-check` (the credit platform's worker;
 * `CREDIT_BLACKLISTED` goes to 不予容缺受理); then the receive task 等待部门审查结果 waits for the
 * message `部门审查结果` from a department's system; then 审查.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { idNumberOf } from './publicity-matter.js';
import type { ServerProcess } from './server-process.js';

const fixture = (name: string) =>
  fs.readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

export const CREDIT_MATTER_CODE = '330106-SYS-CREDIT-001';
export const CREDIT_TOPIC = 'credit-check';
export const RESULT_MESSAGE = '部门审查结果';

/** Publish the matter on a running server as its administrator: the process, then the matter file. */
export async function publishCreditCheckMatter(server: ServerProcess): Promise<void> {
  const deployed = await server.request('/api/definitions', { body: { xml: fixture('credit-check.bpmn') } });
  if (deployed.status !== 201) throw new Error(`Deploying the process answered ${deployed.status}: ${deployed.text}`);
  const matter = await server.request('/api/matters', { body: JSON.parse(fixture('credit-check.matter.json')) });
  if (matter.status !== 201) throw new Error(`Publishing the matter answered ${matter.status}: ${matter.text}`);
}

/** 收件 of the matter for applicant `n`. */
export function creditCheckApplication(n: number, name = '王五'): object {
  const idNumber = idNumberOf(n);
  return {
    matterCode: CREDIT_MATTER_CODE,
    applicant: { name, idType: '居民身份证', idNumber },
    channel: '窗口',
    materials: { application: true },
    form: { applicantName: name, idType: '居民身份证', idNumber },
  };
}
