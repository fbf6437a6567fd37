/**
 * Hard limits on what the model layer accepts, so that hostile or accidental input (huge files,
 * deep nesting, giant scopes) is refused with a finding instead of exhausting time or memory.
 * Real government processes stay far below every one of them.
 */
export const MODEL_LIMITS = {
  /** Characters of XML (about 10 MB). */
  maxXmlChars: 10 * 1024 * 1024,
  /** Bytes of a file read from disk. */
  maxFileBytes: 10 * 1024 * 1024,
  /** XML element nesting depth. */
  maxDepth: 256,
  /** XML elements in one document. */
  maxXmlElements: 200_000,
  /** Flow nodes in one scope: reachability is quadratic in this. */
  maxNodesPerScope: 2_000,
} as const;
