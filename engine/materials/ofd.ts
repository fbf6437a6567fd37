/**
 * OFD (GB/T 33190-2016, 版式文档): a ZIP package whose root holds the entry file `OFD.xml`. The
 * ZIP signature alone does not make a file an OFD; its entries, read from the package's central
 * directory (engine/materials-store), must include that entry.
 */

/** Is a ZIP package with these entry names an OFD document? */
export function isOfdPackage(entryNames: readonly string[]): boolean {
  return entryNames.some((name) => name.replace(/^\/+/, '').toLowerCase() === 'ofd.xml');
}
