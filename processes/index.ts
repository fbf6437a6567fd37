/**
 * The example matters Matterflow ships (DOMAIN.md, "Example flows to ship in processes/"): each a
 * hand-written BPMN process with gov attributes and a generated diagram
 * (scripts/layout-processes.ts), and a matter file for the catalogue. The server loads them at
 * start-up when the database has no definitions yet.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { deployMatter, type DeployedMatter } from '../engine/matters-store/index.js';
import type { DeployedProcess, Store } from '../engine/store/index.js';

/** One shipped matter: its BPMN file, its matter file, the process the matter runs. */
export interface ShippedMatter {
  /** 事项名称, for logs. */
  readonly name: string;
  /** Absolute path of the BPMN file (every process of it is deployed). */
  readonly bpmn: string;
  /** Absolute path of the matter file (JSON, schemas/matter.schema.json). */
  readonly matter: string;
  /** The process the matter runs (`process.processId` of the matter file). */
  readonly processId: string;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The shipped matters in deploy order (no BPMN calls a process of another file). */
export const SHIPPED_MATTERS: readonly ShippedMatter[] = [
  {
    name: '食品经营许可（新办）',
    bpmn: here('./food-licence.bpmn'),
    matter: here('./food-licence.matter.json'),
    processId: 'food-licence',
  },
  {
    name: '建筑工程施工许可证核发',
    bpmn: here('./construction-permit.bpmn'),
    matter: here('./construction-permit.matter.json'),
    processId: 'construction-permit',
  },
  {
    name: '最低生活保障对象认定',
    bpmn: here('./minimum-living-allowance.bpmn'),
    matter: here('./minimum-living-allowance.matter.json'),
    processId: 'minimum-living-allowance',
  },
  {
    name: '企业开办一件事',
    bpmn: here('./business-startup.bpmn'),
    matter: here('./business-startup.matter.json'),
    processId: 'business-startup',
  },
];

/** What loadShippedMatters deployed; `created: false` entries were there already. */
export interface ShippedLoad {
  readonly processes: readonly DeployedProcess[];
  readonly matters: readonly DeployedMatter[];
}

/**
 * Deploy every shipped BPMN file, then every matter file. Idempotent: the same files again create
 * no new versions (the store and the matter catalogue compare content hashes). Throws on the
 * first file that is refused (DeploymentError, MatterInvalidError, MatterProcessNotDeployedError).
 */
export async function loadShippedMatters(
  store: Pick<Store, 'deploy'>,
  knex: Knex,
  options: { actor: string; at?: string },
): Promise<ShippedLoad> {
  const processes: DeployedProcess[] = [];
  for (const shipped of SHIPPED_MATTERS) {
    const result = await store.deploy(fs.readFileSync(shipped.bpmn, 'utf8'), { actor: options.actor });
    processes.push(...result.processes);
  }
  const matters: DeployedMatter[] = [];
  for (const shipped of SHIPPED_MATTERS) {
    const json: unknown = JSON.parse(fs.readFileSync(shipped.matter, 'utf8'));
    matters.push(await deployMatter(knex, json, { actor: options.actor, ...(options.at ? { at: options.at } : {}) }));
  }
  return { processes, matters };
}
