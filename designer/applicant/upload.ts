/**
 * Uploading one material file: multipart/form-data with the session's bearer token (api() speaks
 * JSON only). A refusal — wrong type by content, too large — is an ApiFailure with the server's
 * Chinese message.
 */
import { ApiFailure } from '../shared/api.js';
import { currentSession } from '../shared/session.js';
import type { Upload } from './types.js';

/** Upload `file` for `materialId` of a matter (`{ matterCode }`) or of a case (`{ caseId }`). */
export async function uploadFile(
  target: { readonly matterCode: string } | { readonly caseId: string },
  materialId: string,
  file: File,
): Promise<Upload> {
  const query = new URLSearchParams({ ...target, materialId });
  const form = new FormData();
  form.append('file', file, file.name);
  const session = currentSession();
  let response: Response;
  try {
    response = await fetch(`/api/materials/uploads?${query}`, {
      method: 'POST',
      headers: session ? { Authorization: `Bearer ${session.token}` } : {},
      body: form,
    });
  } catch {
    throw new ApiFailure(0, 'NETWORK', '上传中断，文件未保存，请检查网络后重试');
  }
  const body = (await response.json().catch(() => null)) as
    (Upload & { code?: string; message?: { zh?: string } }) | null;
  if (!response.ok)
    throw new ApiFailure(
      response.status,
      body?.code ?? `HTTP_${response.status}`,
      body?.message?.zh ?? `上传失败（HTTP ${response.status}）`,
    );
  return body as Upload;
}
