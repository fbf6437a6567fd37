/**
 * Compiled definitions by content hash. Compiling is expensive and a definition never changes
 * under its hash, so each is compiled once per process lifetime: on a miss the XML is read from
 * `deployments` and compiled again.
 */
import type { Knex } from 'knex';
import type { CompiledDefinition } from '../model/index.js';
import type { EnginePort } from './engine-port.js';
import { deployedProcessIds, findDeploymentXml } from './definitions-repository.js';
import { DefinitionLoadError, StoreError } from './errors.js';

export class DefinitionCache {
  readonly #byHash = new Map<string, CompiledDefinition>();
  /** Misses being compiled: concurrent commands on one new definition compile it once. */
  readonly #loading = new Map<string, Promise<CompiledDefinition>>();
  readonly #engine: Pick<EnginePort, 'loadDefinition'>;

  constructor(engine: Pick<EnginePort, 'loadDefinition'>) {
    this.#engine = engine;
  }

  /** Remember a definition just compiled (by deploy). */
  put(definition: CompiledDefinition): void {
    this.#byHash.set(definition.hash, definition);
  }

  /** The compiled definition deployed under `hash`, compiling the stored XML on a miss. */
  async get(db: Knex, hash: string): Promise<CompiledDefinition> {
    const cached = this.#byHash.get(hash);
    if (cached) return cached;
    const loading = this.#loading.get(hash);
    if (loading) return loading;
    const load = this.#load(db, hash).finally(() => this.#loading.delete(hash));
    this.#loading.set(hash, load);
    return load;
  }

  async #load(db: Knex, hash: string): Promise<CompiledDefinition> {
    const xml = await findDeploymentXml(db, hash);
    if (xml === null)
      throw new StoreError('DEPLOYMENT_NOT_FOUND', `Expected a deployment with hash ${hash}, but there is none`);
    const loaded = await this.#engine.loadDefinition(xml, { knownProcessIds: new Set(await deployedProcessIds(db)) });
    if (!loaded.ok) throw new DefinitionLoadError(hash, loaded.findings);
    this.#byHash.set(hash, loaded.definition);
    return loaded.definition;
  }
}
