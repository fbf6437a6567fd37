/**
 * 打开: the published processes (each with its versions) and the drafts, in two tables with one
 * search box that filters both by name or process id as the administrator types.
 */
import { api } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';

export interface DefinitionRow {
  readonly processId: string;
  readonly version: number;
  readonly hash: string;
  readonly name: string | null;
  readonly deployedAt: string;
}

export interface DraftRow {
  readonly draftId: string;
  readonly name: string;
  readonly processId: string | null;
  readonly revision: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** What the dialog asks of the page. */
export interface OpenActions {
  readonly isAdmin: boolean;
  openDeployed(processId: string, version: number): Promise<void>;
  openDraft(draftId: string): Promise<void>;
  deleteDraft(draftId: string): Promise<void>;
}

const button = (label: string, onClick: () => unknown, attributes: Record<string, string> = {}) => {
  const element = el('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', () => void onClick());
  return element;
};

/** The dialog's content: the search box and the two tables, read from the server now. */
export async function openDialogContent(actions: OpenActions): Promise<Node[]> {
  const [definitions, drafts] = await Promise.all([
    api<DefinitionRow[]>('/api/definitions'),
    api<DraftRow[]>('/api/drafts'),
  ]);
  const processRows = processesOf(definitions).map(({ processId, versions }) => {
    const latest = versions[0]!;
    const label = latest.name ?? processId;
    const select = el(
      'select',
      { 'aria-label': `${label} 的版本` },
      ...versions.map((row) =>
        el('option', { value: String(row.version) }, `第 ${row.version} 版（${formatDateTime(row.deployedAt)}）`),
      ),
    );
    return searchable(
      el(
        'tr',
        { 'data-process-id': processId },
        el('td', {}, latest.name ?? ''),
        el('td', {}, el('code', {}, processId)),
        el('td', {}, select),
        el(
          'td',
          { class: 'mf-actions' },
          button('打开', () => actions.openDeployed(processId, Number(select.value)), {
            'aria-label': `打开 ${label}`,
          }),
        ),
      ),
      `${latest.name ?? ''} ${processId}`,
    );
  });
  const draftRows = drafts.map((draft) =>
    searchable(
      el(
        'tr',
        { 'data-draft-id': draft.draftId },
        el('td', {}, draft.name),
        el('td', {}, draft.processId ? el('code', {}, draft.processId) : '—'),
        el('td', {}, `${draft.updatedBy} · ${formatDateTime(draft.updatedAt)}`),
        el(
          'td',
          { class: 'mf-actions' },
          button('打开', () => actions.openDraft(draft.draftId), { 'aria-label': `打开草稿 ${draft.name}` }),
          actions.isAdmin
            ? button('删除', () => actions.deleteDraft(draft.draftId), {
                class: 'danger',
                'aria-label': `删除草稿 ${draft.name}`,
              })
            : null,
        ),
      ),
      `${draft.name} ${draft.processId ?? ''}`,
    ),
  );
  const search = el('input', {
    type: 'search',
    class: 'mf-open-search',
    'aria-label': '搜索流程或草稿',
    placeholder: '按名称或流程标识搜索',
  });
  const processes = section('已发布流程', ['名称', '流程标识', '版本', ''], processRows, '还没有发布的流程');
  const draftsSection = section('草稿', ['名称', '流程标识', '最后保存', ''], draftRows, '还没有草稿');
  search.addEventListener('input', () => {
    const terms = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of [...processRows, ...draftRows])
      row.hidden = !terms.every((term) => (row.dataset['search'] ?? '').includes(term));
    processes.update();
    draftsSection.update();
  });
  setTimeout(() => search.focus());
  return [el('label', { class: 'mf-dialog-field' }, '搜索', search), processes.element, draftsSection.element];
}

/** Versions by process, newest first; processes in the order the server lists them. */
function processesOf(definitions: readonly DefinitionRow[]): Array<{ processId: string; versions: DefinitionRow[] }> {
  const byProcess = new Map<string, DefinitionRow[]>();
  for (const row of definitions)
    (byProcess.get(row.processId) ?? byProcess.set(row.processId, []).get(row.processId)!).push(row);
  return [...byProcess].map(([processId, versions]) => ({
    processId,
    versions: [...versions].sort((a, b) => Number(b.version) - Number(a.version)),
  }));
}

function searchable(row: HTMLTableRowElement, text: string): HTMLTableRowElement {
  row.dataset['search'] = text.toLowerCase();
  return row;
}

/** A titled table that says so when it is empty, or when the search hides every row. */
function section(
  title: string,
  headers: readonly string[],
  rows: readonly HTMLTableRowElement[],
  empty: string,
): { element: HTMLElement; update(): void } {
  const none = el('p', { class: 'mf-muted' }, rows.length === 0 ? empty : '没有符合搜索的项');
  const table = el(
    'table',
    { class: 'mf-open-table' },
    el('thead', {}, el('tr', {}, ...headers.map((header) => el('th', {}, header)))),
    el('tbody', {}, ...rows),
  );
  const update = () => {
    const shown = rows.some((row) => !row.hidden);
    table.hidden = !shown;
    none.hidden = shown;
  };
  update();
  return { element: el('section', { 'aria-label': title }, el('h3', {}, title), table, none), update };
}
