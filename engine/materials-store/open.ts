/** The material storage a server configures: a folder (the default) or S3-compatible object storage. */
import { FileStorage } from './file-storage.js';
import { S3Storage, type S3Config } from './s3-storage.js';
import type { MaterialStorage } from './storage.js';

export type StorageConfig = { readonly kind: 'file'; readonly dir: string } | ({ readonly kind: 's3' } & S3Config);

export function openMaterialStorage(config: StorageConfig): Promise<MaterialStorage> {
  return config.kind === 'file' ? FileStorage.open(config.dir) : S3Storage.open(config);
}
