/** A file's address: the sha256 of its content, 64 lowercase hex digits. */
export const isSha256 = (text: string): boolean => /^[0-9a-f]{64}$/.test(text);
