/**
 * A case's material files (every version: a 补正 adds one, nothing is overwritten), each with its
 * sha256, previewed in the page (an image or a PDF, through a five-minute preview grant: an
 * <img> or <iframe> cannot send the bearer token) or downloaded. Used by the applicant's pages
 * and the officers' task page.
 */
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { formatDateTime } from './format.js';
import { messageOf } from './shell.js';
import './material-files.css';

export interface MaterialFileView {
  readonly version: number;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly fileName: string;
  /** When it was filed (the applicant's views say `filedAt`, the task page `at`). */
  readonly filedAt?: string;
  readonly at?: string;
}

export const MEDIA_LABELS: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/ofd': 'OFD 版式文件',
};

/** `1.2 MB`, `35.1 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}

interface Shown {
  readonly sha256: string;
  readonly url: string;
  readonly mediaType: string;
  readonly fileName: string;
}

export function MaterialFiles({ caseId, files }: { caseId: string; files: readonly MaterialFileView[] }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (files.length === 0) return <span class="mf-muted">无电子文件</span>;

  const grant = async (file: MaterialFileView) =>
    api<{ url: string }>(`/api/cases/${encodeURIComponent(caseId)}/files/${file.sha256}/preview`, { method: 'POST' });
  const preview = async (file: MaterialFileView) => {
    setError(null);
    try {
      const { url } = await grant(file);
      setShown({ sha256: file.sha256, url, mediaType: file.mediaType, fileName: file.fileName });
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const download = async (file: MaterialFileView) => {
    setError(null);
    try {
      const { url } = await grant(file);
      const link = document.createElement('a');
      link.href = `${url}?download=true`;
      link.download = file.fileName;
      link.click();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <div class="mf-files">
      <ul class="mf-file-list">
        {files.map((file) => (
          <li key={`${file.sha256}-${file.version}`} data-sha256={file.sha256}>
            <span class="mf-file-version">第 {file.version} 版</span> <span class="mf-file-name">{file.fileName}</span>{' '}
            <span class="mf-muted">
              {MEDIA_LABELS[file.mediaType] ?? file.mediaType}，{formatSize(file.size)}
              {file.filedAt || file.at ? `，${formatDateTime(file.filedAt ?? file.at ?? '')} 提交` : ''}
            </span>{' '}
            <code class="mf-file-hash" title={`sha256 ${file.sha256}`}>
              sha256 {file.sha256.slice(0, 12)}…
            </code>{' '}
            {file.mediaType === 'application/ofd' ? null : (
              <button
                type="button"
                class="mf-link"
                onClick={() => void preview(file)}
                aria-label={`预览 ${file.fileName}`}
              >
                预览
              </button>
            )}
            <button
              type="button"
              class="mf-link"
              onClick={() => void download(file)}
              aria-label={`下载 ${file.fileName}`}
            >
              下载
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p class="mf-file-error" role="alert">
          {error}
        </p>
      ) : null}
      {shown ? (
        <figure class="mf-file-preview" aria-label={`预览：${shown.fileName}`}>
          {shown.mediaType.startsWith('image/') ? (
            <img src={shown.url} alt={shown.fileName} />
          ) : (
            <iframe src={shown.url} title={shown.fileName} />
          )}
          <figcaption>
            {shown.fileName}{' '}
            <button type="button" class="mf-link" onClick={() => setShown(null)}>
              关闭预览
            </button>
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
