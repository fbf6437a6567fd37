import type { CompiledDefinition, Finding } from './types.js';
import type { ModdleDefinitions } from './moddle-types.js';
import type { Compilation } from './compile.js';
import { LruCache, hashXml } from './cache.js';
import { compileDefinitions } from './compile.js';
import { parseBpmn } from './parse.js';
import { validateCompilation } from './validate.js';
import { idPositions } from './xml-position.js';

/** What `loadDefinition` returns: a deployable definition, or the findings that refuse it. */
export type LoadResult =
  | {
      readonly ok: true;
      readonly definition: CompiledDefinition;
      readonly findings: Finding[];
      readonly moddle: unknown;
    }
  | { readonly ok: false; readonly findings: Finding[] };

export interface LoadOptions {
  /** Processes already deployed that call activities in this file may call. */
  readonly knownProcessIds?: ReadonlySet<string>;
}

interface Entry {
  readonly definitions: ModdleDefinitions;
  readonly compilation: Compilation;
  readonly parseFindings: readonly Finding[];
}

const cache = new LruCache<Entry>(256);

/**
 * Reads, compiles and validates one BPMN file. `ok` is true only when no finding is an error;
 * findings name the element, the rule and (where known) the line and column. Parsing and
 * compiling are cached by the sha256 of the XML, so the same text yields the same frozen
 * `definition` object; the moddle tree in the result is shared with the cache: read it only.
 */
export async function loadDefinition(xml: string, options: LoadOptions = {}): Promise<LoadResult> {
  const text = typeof xml === 'string' ? xml : String(xml);
  const hash = hashXml(text);
  let entry = cache.get(hash);
  if (!entry) {
    const parsed = await parseBpmn(text);
    if (!parsed.ok) return { ok: false, findings: place(text, parsed.findings) };
    try {
      entry = {
        definitions: parsed.definitions,
        compilation: compileDefinitions(parsed.definitions, hash),
        parseFindings: parsed.findings,
      };
    } catch (error) {
      return { ok: false, findings: [internalError(error), ...parsed.findings] };
    }
    cache.set(hash, entry);
  }
  const findings = place(text, [
    ...entry.parseFindings,
    ...validateCompilation(entry.compilation, options.knownProcessIds),
  ]);
  if (findings.some((found) => found.severity === 'error')) return { ok: false, findings };
  return { ok: true, definition: entry.compilation.definition, findings, moddle: entry.definitions };
}

/** Adds the line and column of the named element to findings that have none. */
function place(xml: string, findings: readonly Finding[]): Finding[] {
  if (!findings.some((found) => found.line === undefined && found.elementId !== null)) return [...findings];
  const positions = idPositions(xml);
  return findings.map((found) => {
    const position = found.line === undefined && found.elementId !== null ? positions.get(found.elementId) : undefined;
    return position ? { ...found, line: position.line, column: position.column } : found;
  });
}

function internalError(error: unknown): Finding {
  return {
    severity: 'error',
    rule: 'internal-error',
    elementId: null,
    message: {
      zh: `编译失败（程序错误，请报告）：${error instanceof Error ? error.message : String(error)}`,
      en: `compiling failed: ${error instanceof Error ? error.message : String(error)}`,
    },
  };
}
