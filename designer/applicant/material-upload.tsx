/**
 * One material's row: what it is, which files it takes (types by content, largest size), the
 * files chosen so far and a file input that uploads at once. A refusal (wrong type, too large)
 * shows at the row, in the server's words.
 */
import { useState } from 'preact/hooks';
import { formatSize, MEDIA_LABELS } from '../shared/material-files.js';
import { messageOf } from '../shared/shell.js';
import { NECESSITY, type ApplicationMaterial, type Upload } from './types.js';
import { uploadFile } from './upload.js';

export function MaterialUpload({
  material,
  target,
  files,
  onUploaded,
  onRemove,
}: {
  material: ApplicationMaterial;
  target: { readonly matterCode: string } | { readonly caseId: string };
  files: readonly Upload[];
  onUploaded: (upload: Upload) => void;
  onRemove?: (upload: Upload) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = `file-${material.id}`;

  const choose = async (input: HTMLInputElement) => {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    setProblem(null);
    setBusy(true);
    try {
      for (const file of chosen) onUploaded(await uploadFile(target, material.id, file));
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-material={material.id}>
      <td>
        <div>{material.name}</div>
        {material.description ? <div class="mf-muted">{material.description}</div> : null}
      </td>
      <td>{NECESSITY[material.necessity] ?? material.necessity}</td>
      <td>
        {material.upload ? (
          <>
            <ul class="ap-chosen">
              {files.map((file) => (
                <li key={file.uploadId}>
                  {file.fileName}{' '}
                  <span class="mf-muted">
                    （{MEDIA_LABELS[file.mediaType] ?? file.mediaType}，{formatSize(file.size)}）
                  </span>
                  {onRemove ? (
                    <button
                      type="button"
                      class="mf-link"
                      onClick={() => onRemove(file)}
                      aria-label={`移除 ${file.fileName}`}
                    >
                      移除
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {/* The browser's own file control speaks the browser's language: the label is the button. */}
            <input
              id={inputId}
              class="ap-file-input"
              type="file"
              multiple
              disabled={busy}
              onChange={(e) => void choose(e.currentTarget)}
            />
            <label for={inputId} class="ap-button ap-file-label">
              上传「{material.name}」
            </label>
            <div class="mf-muted">
              接受 {material.fileTypeLabels.join('、')}，每个文件不超过 {formatSize(material.maxBytes)}
              {busy ? '，正在上传…' : ''}
            </div>
            {problem ? (
              <div class="ap-problem" role="alert">
                {problem}
              </div>
            ) : null}
          </>
        ) : (
          <span class="mf-muted">免提交：由窗口调取电子证照</span>
        )}
      </td>
    </tr>
  );
}
