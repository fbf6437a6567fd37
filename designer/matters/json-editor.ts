/**
 * @json-editor/json-editor as this page uses it. The package ships no types; the module's ambient
 * declaration lives in types/json-editor.d.ts (one per project, classes cannot merge),
 * so this page names the parts it uses here and reaches them through these types.
 */
import * as jsonEditorModule from '@json-editor/json-editor';

export interface EditorError {
  readonly path: string;
  readonly property: string;
  readonly message: string;
}

interface SubEditor {
  readonly path: string;
  readonly container: HTMLElement;
  readonly input?: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  getTitle(): string;
  getValue(): unknown;
}

export interface MatterFormEditor {
  on(event: 'ready' | 'change', callback: () => void): void;
  getValue(): unknown;
  getEditor(path: string): SubEditor | null | undefined;
  showValidationErrors(errors: readonly EditorError[]): void;
  destroy(): void;
}

export interface JsonEditorClass {
  new (element: HTMLElement, options: Record<string, unknown>): MatterFormEditor;
  defaults: {
    language: string;
    languages: Record<string, Record<string, string>>;
    editors: Record<string, unknown>;
    resolvers: Array<(schema: Record<string, unknown>) => string | undefined>;
  };
}

export const JSONEditor = (jsonEditorModule as unknown as { JSONEditor: JsonEditorClass }).JSONEditor;
