/** The entry names of a ZIP package on disk, read from its central directory (yauzl). */
import yauzl from 'yauzl';

/** Up to `limit` entry names of the ZIP file at `file`; null when it is no readable ZIP package. */
export function zipEntryNames(file: string, limit = 10_000): Promise<string[] | null> {
  return new Promise((resolve) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return resolve(null);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (names.length >= limit) {
          zip.close();
          resolve(names);
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', () => resolve(null));
      zip.readEntry();
    });
  });
}
