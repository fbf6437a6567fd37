/**
 * The verification code (查询码) printed on a case's receipt: with the 办件编号 it lets anyone
 * query the case's progress without logging in. Eight characters of an alphabet without look-alikes
 * (32^8 ≈ 10^12 codes), drawn once per case and kept, so every receipt prints the same one.
 */
import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 8;

interface CodeRow {
  case_id: string;
  number: string;
  code: string;
  created_at: string;
}

function drawCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The case's code, drawn on first use (concurrent first uses agree on one). */
export async function progressCode(knex: Knex, caseId: string, number: string, at: string): Promise<string> {
  const existing = await knex<CodeRow>('case_progress_codes').where({ case_id: caseId }).first();
  if (existing) return existing.code;
  await knex<CodeRow>('case_progress_codes')
    .insert({ case_id: caseId, number, code: drawCode(), created_at: at })
    .onConflict('case_id')
    .ignore();
  const row = await knex<CodeRow>('case_progress_codes').where({ case_id: caseId }).first();
  if (!row) throw new Error(`Expected a verification code for case ${caseId}, but none was kept`);
  return row.code;
}

/** The case with this 办件编号 and code, or null (either wrong: the caller cannot tell which). */
export async function caseByProgressCode(knex: Knex, number: string, code: string): Promise<string | null> {
  const row = await knex<CodeRow>('case_progress_codes').where({ number }).first();
  if (!row) return null;
  const given = code.trim().toUpperCase();
  return timingSafeEqualText(row.code, given) ? row.case_id : null;
}

function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
