/**
 * `application_drafts`: an applicant's 网上申报 kept until it is submitted — the matter, the
 * applicant as typed (name, 证件类型; the 证件号码 only at submission), the 一表申请 form as filled so far (both in the
 * `form` column's JSON), and the uploads chosen per material. Only its owner reads,
 * changes, deletes or submits it; once submitted it names its case and changes no more.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { readJson, writeJson } from '../store/index.js';

/** An upload chosen for a material. */
export interface DraftFile {
  readonly materialId: string;
  readonly uploadId: string;
}

/** The applicant as the draft names them (never the 证件号码: it is given when the draft is submitted). */
export interface DraftApplicant {
  readonly name: string;
  readonly idType: string;
}

/** What an applicant fills in: who applies, the form, the uploads per material. */
export interface DraftContent {
  readonly applicant: DraftApplicant | null;
  readonly form: Record<string, unknown>;
  readonly files: readonly DraftFile[];
}

export interface Draft extends DraftContent {
  readonly draftId: string;
  readonly owner: string;
  readonly matterCode: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The case it became, once submitted. */
  readonly caseId: string | null;
  readonly submittedAt: string | null;
}

interface DraftRow {
  draft_id: string;
  owner: string;
  matter_code: string;
  form: unknown;
  files: unknown;
  created_at: string;
  updated_at: string;
  case_id: string | null;
  submitted_at: string | null;
}

export async function createDraft(
  knex: Knex,
  draft: DraftContent & { owner: string; matterCode: string; at: string },
): Promise<Draft> {
  const row: DraftRow = {
    draft_id: randomUUID(),
    owner: draft.owner,
    matter_code: draft.matterCode,
    form: writeJson({ applicant: draft.applicant, form: draft.form }),
    files: writeJson(draft.files),
    created_at: draft.at,
    updated_at: draft.at,
    case_id: null,
    submitted_at: null,
  };
  await knex<DraftRow>('application_drafts').insert(row);
  return fromRow(row);
}

/** `owner`'s draft, or null (none, or another's). */
export async function getDraft(knex: Knex, owner: string, draftId: string): Promise<Draft | null> {
  const row = await knex<DraftRow>('application_drafts').where({ draft_id: draftId, owner }).first();
  return row ? fromRow(row) : null;
}

/** `owner`'s drafts, the latest change first. */
export async function listDrafts(knex: Knex, owner: string): Promise<Draft[]> {
  const rows = await knex<DraftRow>('application_drafts').where({ owner }).orderBy('updated_at', 'desc').limit(200);
  return rows.map(fromRow);
}

/** Change a draft not yet submitted; false when there is none of `owner`'s to change. */
export async function updateDraft(
  knex: Knex,
  owner: string,
  draftId: string,
  change: DraftContent & { at: string },
): Promise<boolean> {
  const count = await knex<DraftRow>('application_drafts')
    .where({ draft_id: draftId, owner })
    .whereNull('case_id')
    .update({
      form: writeJson({ applicant: change.applicant, form: change.form }),
      files: writeJson(change.files),
      updated_at: change.at,
    });
  return count > 0;
}

/** Delete a draft not yet submitted; false when there is none of `owner`'s. */
export async function deleteDraft(knex: Knex, owner: string, draftId: string): Promise<boolean> {
  const count = await knex<DraftRow>('application_drafts')
    .where({ draft_id: draftId, owner })
    .whereNull('case_id')
    .del();
  return count > 0;
}

/** Mark a draft submitted as `caseId` (once: a second mark changes nothing). */
export async function markSubmitted(knex: Knex, draftId: string, caseId: string, at: string): Promise<void> {
  await knex<DraftRow>('application_drafts')
    .where({ draft_id: draftId })
    .whereNull('case_id')
    .update({ case_id: caseId, submitted_at: at, updated_at: at });
}

function fromRow(row: DraftRow): Draft {
  const content = readJson<{ applicant: DraftApplicant | null; form: Record<string, unknown> }>(row.form);
  return {
    draftId: row.draft_id,
    owner: row.owner,
    matterCode: row.matter_code,
    applicant: content.applicant,
    form: content.form,
    files: readJson<DraftFile[]>(row.files),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    caseId: row.case_id,
    submittedAt: row.submitted_at,
  };
}
