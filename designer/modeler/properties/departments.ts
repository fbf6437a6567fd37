/**
 * The `govDepartments` service: the server's department list (GET /api/departments), fetched
 * once per modeler on first use and shared by every department select. Fires
 * `govDepartments.changed` when it arrives (or fails), so open selects re-render.
 */
import type EventBus from 'diagram-js/lib/core/EventBus';
import { api } from '../../shared/api.js';

interface DepartmentRow {
  readonly name: string;
}

export class GovDepartments {
  static $inject = ['eventBus'];

  private names: readonly string[] | null = null;
  private failure: string | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly eventBus: EventBus) {}

  /** The names, or null while loading (the first call starts the request). */
  list(): readonly string[] | null {
    void this.load();
    return this.names;
  }

  /** Why the list could not be loaded (Chinese), or null. */
  error(): string | null {
    return this.failure;
  }

  load(): Promise<void> {
    this.loading ??= api<DepartmentRow[]>('/api/departments').then(
      (rows) => {
        this.names = rows.map((row) => row.name);
        this.eventBus.fire('govDepartments.changed');
      },
      (error: unknown) => {
        this.failure = `部门名录加载失败：${error instanceof Error ? error.message : String(error)}`;
        this.names = null;
        this.eventBus.fire('govDepartments.changed');
      },
    );
    return this.loading;
  }
}
