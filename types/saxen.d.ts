/** Minimal ambient types for saxen 11 (no bundled types): only what the XML pre-check uses. */
declare module 'saxen' {
  export interface SaxContext {
    line: number;
    column: number;
    data?: string;
  }
  export type GetContext = () => SaxContext;

  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(
      event: 'openTag',
      cb: (
        name: string,
        getAttrs: () => unknown,
        decode: unknown,
        selfClosing: boolean,
        getContext: GetContext,
      ) => void,
    ): this;
    on(
      event: 'closeTag',
      cb: (name: string, decode: unknown, selfClosing: boolean, getContext: GetContext) => void,
    ): this;
    on(event: 'error' | 'warn', cb: (err: Error, getContext: GetContext) => void): this;
    on(event: 'attention', cb: (text: string, decode: unknown, getContext: GetContext) => void): this;
    on(event: 'question', cb: (text: string, getContext: GetContext) => void): this;
    parse(xml: string): Error | undefined;
    stop(): void;
  }
}
