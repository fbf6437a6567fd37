/**
 * Hard limits on what the model layer accepts, so that hostile or accidental input (huge files,
 * deep nesting, giant scopes, too many elements) is refused with a finding instead of exhausting
 * time or memory. Real government processes stay far below every one of them.
 */
export const MODEL_LIMITS = Object.freeze({
  /** Characters of XML (about 10 MB). */
  maxXmlChars: 10 * 1024 * 1024,
  /** Bytes of a file read from disk. */
  maxFileBytes: 10 * 1024 * 1024,
  /** XML element nesting depth. */
  maxDepth: 256,
  /**
   * XML elements (start tags, diagram shapes and waypoints included) in one document, counted
   * before the full parse: parsing, compiling and linting grow with it (100,000 elements took
   * seconds and a gigabyte). The shipped matters have about 120 to 300, the MIWG reference models
   * up to about 2,400 (C.8.0). Settable per thread with `configureModelLimits`.
   */
  get maxXmlElements(): number {
    return settings.maxXmlElements;
  },
  /** Flow nodes in one scope: reachability is quadratic in this. */
  maxNodesPerScope: 2_000,
});

/** The default of `MODEL_LIMITS.maxXmlElements`. */
export const DEFAULT_MAX_XML_ELEMENTS = 5_000;

/** The limits a deployment may change (the server sets them once, at start, from its environment). */
export interface ConfigurableModelLimits {
  readonly maxXmlElements: number;
}

const settings: { maxXmlElements: number } = { maxXmlElements: DEFAULT_MAX_XML_ELEMENTS };

/**
 * Changes the configurable limits of this thread (each worker thread sets its own) and returns
 * the previous ones. Set them at start: a definition already compiled stays in the cache.
 */
export function configureModelLimits(limits: Partial<ConfigurableModelLimits>): ConfigurableModelLimits {
  const previous = { ...settings };
  if (limits.maxXmlElements !== undefined) {
    if (!Number.isInteger(limits.maxXmlElements) || limits.maxXmlElements < 1)
      throw new RangeError(`maxXmlElements must be a positive integer, but is ${limits.maxXmlElements}`);
    settings.maxXmlElements = limits.maxXmlElements;
  }
  return previous;
}
