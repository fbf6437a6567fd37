/**
 * Personal data in what leaves the system: every 证件号码 at any depth is masked as the API
 * masks it (engine/matters `maskDeep`), and so are people's names and contact details, unless the
 * webhook subscription was explicitly granted personal data. A company's name (an applicant
 * identified by its 统一社会信用代码) is public and stays.
 */
import { maskDeep } from '../matters/index.js';

/** Keys that hold a person's contact details or name, wherever they are. */
const CONTACT_KEYS: ReadonlySet<string> = new Set([
  'applicantName',
  'contactName',
  'phone',
  'mobile',
  'telephone',
  'email',
  '姓名',
  '联系人',
  '联系电话',
  '手机',
  '手机号码',
  '电子邮箱',
]);

/** Objects whose `name` is a person's (unless they are a company, by their 证件类型). */
const PERSON_KEYS: ReadonlySet<string> = new Set(['applicant', 'agent']);

/** A copy of `value` with personal data masked; the original is not changed. */
export function maskPersonalDataForExport<T>(value: T): T {
  return maskContacts(maskDeep(value)) as T;
}

/** Keep the first character: 张三 → 张*, 13812345678 → 1********** (length kept). */
export function maskText(text: string): string {
  const chars = [...text];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

function maskContacts(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskContacts(item, key));
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && key !== undefined && CONTACT_KEYS.has(key) ? maskText(value) : value;
  }
  const record = value as Record<string, unknown>;
  const person = key !== undefined && PERSON_KEYS.has(key) && !isCompany(record);
  const copy: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(record)) {
    copy[name] = person && name === 'name' && typeof inner === 'string' ? maskText(inner) : maskContacts(inner, name);
  }
  return copy;
}

function isCompany(record: Record<string, unknown>): boolean {
  return typeof record['idType'] === 'string' && record['idType'].includes('信用代码');
}
