/**
 * A json-editor editor for a free JSON Schema inside the matter (the application form, 一表申请):
 * a textarea of JSON text, registered through json-editor's own extension points (an editor class
 * and a resolver for `format: 'mf-json'`). Text that does not parse stays a string, which the
 * validator then reports at the field.
 */
import { JSONEditor } from './json-editor.js';

interface StringEditorLike {
  options: Record<string, unknown>;
  input?: HTMLTextAreaElement;
  build(): void;
  setValue(value: unknown, initial?: boolean, fromTemplate?: boolean): unknown;
  getValue(): unknown;
}

let registered = false;

export function registerJsonTextEditor(): void {
  if (registered) return;
  registered = true;
  const StringEditor = JSONEditor.defaults.editors['string'] as unknown as new (...args: unknown[]) => StringEditorLike;
  class JsonTextEditor extends StringEditor {
    override build(): void {
      this.options['format'] = 'textarea';
      super.build();
      if (this.input) {
        this.input.rows = 14;
        this.input.spellcheck = false;
        this.input.classList.add('mf-json-text');
      }
    }

    override setValue(value: unknown, initial?: boolean, fromTemplate?: boolean): unknown {
      return super.setValue(
        typeof value === 'string' ? value : JSON.stringify(value ?? {}, null, 2),
        initial,
        fromTemplate,
      );
    }

    override getValue(): unknown {
      const text = super.getValue();
      if (typeof text !== 'string') return text;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
  JSONEditor.defaults.editors['mfJson'] = JsonTextEditor;
  JSONEditor.defaults.resolvers.unshift((schema) => (schema['format'] === 'mf-json' ? 'mfJson' : undefined));
}
