/** s3rver 3.x (an S3 API server for tests; ships no types): what the storage tests use. */
declare module 's3rver' {
  interface S3rverOptions {
    readonly port?: number;
    readonly address?: string;
    readonly silent?: boolean;
    readonly directory: string;
    readonly resetOnClose?: boolean;
    readonly configureBuckets?: ReadonlyArray<{ readonly name: string }>;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
