/**
 * Ambient types for the two properties-panel packages (neither ships any): the parts the gov
 * properties panel uses, as they behave in @bpmn-io/properties-panel 3.55 and
 * bpmn-js-properties-panel 5.65. Preact types come from the panel's own copy of preact
 * (`@bpmn-io/properties-panel/preact`), the one copy the panel renders with.
 */

declare module '@bpmn-io/properties-panel' {
  import type { ComponentChildren, FunctionComponent, VNode } from '@bpmn-io/properties-panel/preact';
  import type { Element } from 'bpmn-js/lib/model/Types';

  /** The panel's translate: a template and its `{placeholder}` replacements. */
  export type Translate = (template: string, replacements?: Record<string, string | number>) => string;

  /** A debounce factory (the `debounceInput` service). */
  export type DebounceInput = <F extends (...args: never[]) => unknown>(fn: F) => F;

  /** Tells from an entry's input node whether the entry holds a value (marks the group edited). */
  export type IsEdited = (node: HTMLElement | null) => boolean;

  /** An entry in a group: `component` is rendered with the definition's other properties and `element`. */
  export interface EntryDefinition {
    readonly id: string;
    readonly component:
      FunctionComponent<{ element: Element; id: string } & Record<string, unknown>> | FunctionComponent<never>;
    readonly isEdited?: IsEdited;
    readonly [prop: string]: unknown;
  }

  export interface GroupDefinition {
    readonly id: string;
    readonly label: string;
    readonly entries: EntryDefinition[];
    readonly component?: FunctionComponent<never>;
    readonly shouldOpen?: boolean;
    readonly translate?: Translate;
    readonly tooltip?: ComponentChildren;
  }

  /** One item of a list group: a collapsible entry with its own entries. */
  export interface ListItemDefinition {
    readonly id: string;
    readonly label: string;
    readonly entries: EntryDefinition[];
    /** The id of the entry to focus when the item was just added. */
    readonly autoFocusEntry?: string;
    readonly remove?: (event?: Event) => void;
  }

  export interface ListGroupDefinition {
    readonly id: string;
    readonly label: string;
    readonly component: FunctionComponent<never>;
    readonly items: ListItemDefinition[];
    readonly add?: (event: Event) => void;
    readonly shouldOpen?: boolean;
    readonly translate?: Translate;
    readonly tooltip?: ComponentChildren;
  }

  export type Group = GroupDefinition | ListGroupDefinition;

  interface BaseEntryProps<V> {
    element: Element;
    id: string;
    label: string;
    description?: ComponentChildren;
    tooltip?: ComponentChildren;
    disabled?: boolean;
    getValue: (element: Element) => V;
    /** `error` is the validation message when `validate` refused the value (the value is passed anyway). */
    setValue: (value: V, error?: string | null) => void;
    /** A message (shown on the entry) when the value is refused, otherwise null / undefined. */
    validate?: (value: V) => string | null | undefined;
    onFocus?: (event: FocusEvent) => void;
    onBlur?: (event: FocusEvent) => void;
  }

  export interface TextFieldEntryProps extends BaseEntryProps<string | undefined> {
    debounce: DebounceInput;
    placeholder?: string;
  }
  export function TextFieldEntry(props: TextFieldEntryProps): VNode;
  export const isTextFieldEntryEdited: IsEdited;

  export type CheckboxEntryProps = BaseEntryProps<boolean>;
  export function CheckboxEntry(props: CheckboxEntryProps): VNode;
  export const isCheckboxEntryEdited: IsEdited;

  export interface NumberFieldEntryProps extends BaseEntryProps<number | undefined> {
    debounce: DebounceInput;
    min?: string | number;
    max?: string | number;
    step?: string | number;
  }
  export function NumberFieldEntry(props: NumberFieldEntryProps): VNode;
  export const isNumberFieldEntryEdited: IsEdited;

  export interface SelectOption {
    readonly value: string;
    readonly label: string;
    readonly disabled?: boolean;
  }
  export interface SelectEntryProps extends BaseEntryProps<string> {
    getOptions: (element: Element) => SelectOption[];
  }
  export function SelectEntry(props: SelectEntryProps): VNode;
  export const isSelectEntryEdited: IsEdited;

  /** `required`: always FEEL; `optional`: FEEL when the value starts with `=`. */
  export type FeelType = 'required' | 'optional' | 'optional-default-enabled' | 'static';
  export interface FeelEntryProps extends BaseEntryProps<string | undefined> {
    debounce: DebounceInput;
    feel?: FeelType;
    placeholder?: string;
    variables?: readonly { name: string; info?: string }[];
    tooltipContainer?: string | HTMLElement;
    singleLine?: boolean;
    hostLanguage?: string | null;
    example?: string;
    translate?: Translate;
  }
  export function FeelEntry(props: FeelEntryProps): VNode;
  export function FeelTextAreaEntry(props: FeelEntryProps): VNode;
  export const isFeelEntryEdited: IsEdited;

  export interface CollapsibleEntryProps {
    element: Element;
    id: string;
    label: string;
    entries: EntryDefinition[];
    open?: boolean;
    remove?: (event?: Event) => void;
    translate?: Translate;
  }
  export function CollapsibleEntry(props: CollapsibleEntryProps): VNode;

  export const Group: FunctionComponent<never>;
  export const ListGroup: FunctionComponent<never>;
}

declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  import type { Element } from 'bpmn-js/lib/model/Types';
  import type { Group } from '@bpmn-io/properties-panel';

  /** What a provider contributes: a function from the groups so far to the groups after it. */
  export interface PropertiesProvider {
    getGroups(element: Element): (groups: Group[]) => Group[];
    /** The id of the entry editing a moddle path (relative to the business object), for lint and search. */
    getEntryId?(element: Element, path: readonly (string | number)[]): string | null;
  }

  /** The `propertiesPanel` service (BpmnPropertiesPanelRenderer). */
  export interface PropertiesPanel {
    registerProvider(priority: number, provider: PropertiesProvider): void;
    registerProvider(provider: PropertiesProvider): void;
    attachTo(container: HTMLElement | string, headerContainer?: HTMLElement | string): void;
    detach(): void;
    getEntryId(element: Element, path: readonly (string | number)[]): string | null;
  }

  /** A service of the diagram's injector, inside a panel component. */
  export function useService<T = unknown>(type: string, strict?: boolean): T;

  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
}
