/**
 * What the audit views (办件回放, the print view, the export, the audit search) show of people:
 * names, telephone numbers, addresses and 证件号码 masked wherever they sit in what is returned —
 * by the keys that hold them (applicantName, phone, businessAddress, 证件号码 …), and the name,
 * telephone and address of any object that holds a 证件号码 (a person: the applicant, an agent,
 * a legal representative). `AUDIT_MASKED` names them for the pages that say what is masked.
 */
import { maskDeep, maskIdNumber } from '../../engine/matters/index.js';

/** What maskForAudit masks, in the words the pages use. */
export const AUDIT_MASKED = '姓名、电话、地址、证件号码';

const ID_KEYS = new Set(['idNumber', 'applicantIdNumber', 'certificateNumber', '证件号码']);
const NAME_KEYS = new Set([
  'applicantName',
  'agentName',
  'contactName',
  'contactPerson',
  'legalRepresentativeName',
  '姓名',
  '申请人',
  '申请人姓名',
  '联系人',
  '法定代表人',
]);
const PHONE = /(phone|mobile|telephone|^tel$|电话|手机)/iu;
const ADDRESS = /(address|地址|住址|住所|经营场所)/iu;

/** A copy of `value` with the personal data in it masked (the original is not changed). */
export function maskForAudit<T>(value: T): T {
  return maskPeople(maskDeep(value)) as T;
}

function maskPeople(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPeople);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const person = Object.keys(record).some((key) => ID_KEYS.has(key));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (typeof inner !== 'string') copy[key] = maskPeople(inner);
    else if (NAME_KEYS.has(key) || (person && key === 'name')) copy[key] = maskName(inner);
    else if (PHONE.test(key)) copy[key] = maskPhone(inner);
    else if (ADDRESS.test(key)) copy[key] = maskAddress(inner);
    else copy[key] = inner;
  }
  return copy;
}

/** 张三 → 张*, 陈美玲 → 陈*玲, 欧阳小明 → 欧**明 (as the worklist names applicants). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 13957112345 → 139****2345; other numbers keep about a third at each end (as 证件号码 do). */
function maskPhone(phone: string): string {
  const text = phone.trim();
  if (/^1\d{10}$/.test(text)) return `${text.slice(0, 3)}****${text.slice(7)}`;
  return maskIdNumber(text);
}

/** Only the city and district stay: 杭州市西湖区天目山路 176 号 → 杭州市西湖区********. */
function maskAddress(address: string): string {
  const chars = [...address.trim()];
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(chars.length - keep, 1));
}
