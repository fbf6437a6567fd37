/**
 * The context pad's two menus (更改元素, and 对齐元素 for several elements) placed under the pad
 * the entry was clicked in, found from the click itself. bpmn-js 18 finds the pad with
 * `ContextPad#getPad`, which diagram-js 15 deprecates (a console warning on every use): this
 * module replaces those two entries' click actions, keeping their look and everything else.
 */
import type ContextPad from 'diagram-js/lib/features/context-pad/ContextPad';
import type PopupMenu from 'diagram-js/lib/features/popup-menu/PopupMenu';

type Entries = Record<string, { action?: unknown } & Record<string, unknown>>;
type Translate = (text: string) => string;

/** After bpmn-js's providers (1000, align 900): our updater sees their entries. */
const AFTER_BPMN_JS = 100;
const Y_OFFSET = 5;

class ContextPadMenus {
  static $inject = ['contextPad', 'popupMenu', 'translate'];

  constructor(
    contextPad: ContextPad,
    private readonly popupMenu: PopupMenu,
    private readonly translate: Translate,
  ) {
    contextPad.registerProvider(AFTER_BPMN_JS, this as never);
  }

  getContextPadEntries(): (entries: Entries) => Entries {
    return (entries) =>
      withClick(entries, 'replace', (event, element) =>
        this.popupMenu.open(element as never, 'bpmn-replace', belowPad(event), {
          title: this.translate('Change element'),
          width: 'var(--bpmn-replace-popup-width, 300px)',
          search: true,
        } as never),
      );
  }

  getMultiElementContextPadEntries(): (entries: Entries) => Entries {
    return (entries) =>
      withClick(entries, 'align-elements', (event, elements) =>
        this.popupMenu.open(elements as never, 'align-elements', belowPad(event)),
      );
  }
}

/** `entries` with the click action of entry `id` (when present) replaced. */
function withClick(entries: Entries, id: string, click: (event: MouseEvent, target: unknown) => void): Entries {
  const entry = entries[id];
  if (!entry) return entries;
  return { ...entries, [id]: { ...entry, action: { click } } };
}

/** Under the context pad the clicked entry belongs to, as bpmn-js places it; at the pointer when there is none. */
function belowPad(event: MouseEvent): { x: number; y: number; cursor: { x: number; y: number } } {
  const target = event.target instanceof Element ? event.target : null;
  const pad = target?.closest('.djs-context-pad');
  const cursor = { x: event.x, y: event.y };
  if (!pad) return { x: event.x, y: event.y + Y_OFFSET, cursor };
  const rect = pad.getBoundingClientRect();
  return { x: rect.left, y: rect.bottom + Y_OFFSET, cursor };
}

/** The bpmn-js additional module. */
export const contextPadMenusModule = {
  __init__: ['contextPadMenus'],
  contextPadMenus: ['type', ContextPadMenus],
};
