/** The part of @json-editor/json-editor (which ships no types) that the 收件 form and the task page use. */
declare module '@json-editor/json-editor' {
  export interface JsonEditorError {
    readonly path: string;
    readonly property: string;
    readonly message: string;
  }
  export interface JsonEditorOptions {
    schema: unknown;
    startval?: unknown;
    theme?: string;
    iconlib?: string | null;
    disable_edit_json?: boolean;
    disable_properties?: boolean;
    disable_collapse?: boolean;
    disable_array_reorder?: boolean;
    disable_array_delete_last_row?: boolean;
    disable_array_delete_all_rows?: boolean;
    array_controls_top?: boolean;
    no_additional_properties?: boolean;
    required_by_default?: boolean;
    show_errors?: 'interaction' | 'change' | 'always' | 'never';
    show_opt_in?: boolean;
    prompt_before_delete?: boolean;
    compact?: boolean;
  }
  export interface JsonSubEditor {
    getValue(): unknown;
    setValue(value: unknown): void;
  }
  export class JSONEditor {
    constructor(element: HTMLElement, options: JsonEditorOptions);
    static defaults: {
      language: string;
      languages: Record<string, Record<string, string>>;
      options: Record<string, unknown>;
    };
    ready: boolean;
    on(event: 'ready' | 'change', callback: () => void): void;
    off(event: 'ready' | 'change', callback: () => void): void;
    getValue(): unknown;
    setValue(value: unknown): void;
    validate(): JsonEditorError[];
    getEditor(path: string): JsonSubEditor | null;
    disable(): void;
    enable(): void;
    destroy(): void;
    showValidationErrors(errors?: JsonEditorError[]): void;
  }
}
