/**
 * Where applicants' material files are kept and how large they may be (README "Applicants and
 * their materials"): a folder of the data directory by default, or S3-compatible object storage
 * shared by several server processes; the centre's largest file; how often one address may query
 * a case's progress. A malformed or missing value stops the server at start, naming the variable.
 */
import path from 'node:path';
import { DEFAULT_MAX_FILE_MB } from '../engine/materials/index.js';
import type { StorageConfig } from '../engine/materials-store/index.js';

export interface MaterialsConfig {
  /** MATTERFLOW_MATERIALS_STORAGE: `file` (default, MATTERFLOW_MATERIALS_DIR) or `s3` (MATTERFLOW_MATERIALS_S3_*). */
  readonly storage: StorageConfig;
  /** MATTERFLOW_MATERIALS_MAX_FILE_MB (default 20): no material takes a larger file, whatever its matter declares. */
  readonly maxFileMb: number;
  /** MATTERFLOW_PROGRESS_RATE_LIMIT (default 10): progress queries a minute per client address. */
  readonly progressRateLimit: number;
}

export function materialsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MaterialsConfig {
  const dataDir = env['MATTERFLOW_DATA_DIR'] ?? './data';
  const kind = env['MATTERFLOW_MATERIALS_STORAGE'] ?? 'file';
  if (kind !== 'file' && kind !== 's3')
    throw new Error(`MATTERFLOW_MATERIALS_STORAGE must be file or s3, but is '${kind}'`);
  const storage: StorageConfig =
    kind === 'file'
      ? { kind, dir: env['MATTERFLOW_MATERIALS_DIR'] ?? path.join(dataDir, 'materials') }
      : {
          kind,
          endpoint: url(env, 'MATTERFLOW_MATERIALS_S3_ENDPOINT'),
          bucket: required(env, 'MATTERFLOW_MATERIALS_S3_BUCKET'),
          region: env['MATTERFLOW_MATERIALS_S3_REGION'] ?? 'us-east-1',
          accessKey: required(env, 'MATTERFLOW_MATERIALS_S3_ACCESS_KEY_ID'),
          secretKey: required(env, 'MATTERFLOW_MATERIALS_S3_SECRET_ACCESS_KEY'),
          prefix: env['MATTERFLOW_MATERIALS_S3_PREFIX'] ?? '',
          pathStyle: env['MATTERFLOW_MATERIALS_S3_PATH_STYLE'] !== 'false',
          uploadDir: env['MATTERFLOW_MATERIALS_UPLOAD_DIR'] ?? path.join(dataDir, 'material-uploads'),
        };
  return {
    storage,
    maxFileMb: positive(env, 'MATTERFLOW_MATERIALS_MAX_FILE_MB', DEFAULT_MAX_FILE_MB),
    progressRateLimit: positive(env, 'MATTERFLOW_PROGRESS_RATE_LIMIT', 10),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set when MATTERFLOW_MATERIALS_STORAGE=s3`);
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string): string {
  const value = required(env, name);
  if (!/^https?:\/\/[^/]+\/?$/.test(value))
    throw new Error(`${name} must be an http(s) address without a path (http://127.0.0.1:9000), but is '${value}'`);
  return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, but is '${text}'`);
  return value;
}
