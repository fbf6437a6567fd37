/**
 * A small matter with a BPMN timer, as an administrator publishes it: a BPMN file (POST
 * /api/definitions) and its matter file (POST /api/matters). 收件 (POST /api/cases) starts the
 * process; the token waits at the intermediate timer event `publicity` (公示期满, `PT3S` here),
 * and when the timer fires the user task `review` (资格审核) opens.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from './server-process.js';

const fixture = (name: string) =>
  fs.readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

export const PUBLICITY_MATTER_CODE = '330106-SYS-TIMER-001';
/** The department of the `review` task (a case is listed under it once the timer has fired). */
export const PUBLICITY_REVIEW_DEPARTMENT = '西湖区住房保障和房产管理局';

/** The BPMN of the matter, with its publicity timer lasting `duration` (ISO 8601, default PT3S). */
function publicityBpmn(duration = 'PT3S'): string {
  const xml = fixture('publicity.bpmn');
  if (!xml.includes('<bpmn:timeDuration>PT3S</bpmn:timeDuration>'))
    throw new Error('publicity.bpmn has no PT3S timer to replace');
  return xml.replace(
    '<bpmn:timeDuration>PT3S</bpmn:timeDuration>',
    `<bpmn:timeDuration>${duration}</bpmn:timeDuration>`,
  );
}

function publicityMatterFile(): unknown {
  return JSON.parse(fixture('publicity.matter.json')) as unknown;
}

/** 收件 of the matter: an online (网上) application with its one material. */
export function publicityApplication(applicant: { name: string; idNumber: string }): object {
  return {
    matterCode: PUBLICITY_MATTER_CODE,
    applicant: { name: applicant.name, idType: '居民身份证', idNumber: applicant.idNumber },
    channel: '网上',
    materials: { application: true },
    form: { applicantName: applicant.name, idType: '居民身份证', idNumber: applicant.idNumber },
  };
}

/** Publish the matter on a running server as its administrator: the process, then the matter file. */
export async function publishPublicityMatter(
  server: ServerProcess,
  options: { duration?: string; token?: string } = {},
): Promise<void> {
  const token = options.token === undefined ? {} : { token: options.token };
  const deployed = await server.request('/api/definitions', {
    ...token,
    body: { xml: publicityBpmn(options.duration) },
  });
  if (deployed.status !== 201)
    throw new Error(`Deploying the publicity process answered ${deployed.status}: ${deployed.text}`);
  const matter = await server.request('/api/matters', { ...token, body: publicityMatterFile() });
  if (matter.status !== 201)
    throw new Error(`Publishing the publicity matter answered ${matter.status}: ${matter.text}`);
}

/** A valid 18-digit 居民身份证 number (GB 11643 check digit) for applicant `n`. */
export function idNumberOf(n: number): string {
  const body = `330106${19900101 + (n % 28)}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
