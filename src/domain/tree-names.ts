/**
 * Naming rules of the directory tree (spec resource-directory-api.md, section A). Lengths count code points;
 * the character rules and the length rules are separate because each has its own error code.
 */

const codePoints = (s: string) => [...s].length;

/** Folder names: letters, digits, `_`, `.`, `-` and Chinese characters. */
export const folderName = {
  hasValidCharacters: (s: string) => /^[A-Za-z0-9_.\-\u4e00-\u9fa5]*$/u.test(s),
  hasValidLength: (s: string) => codePoints(s) >= 1 && codePoints(s) <= 24,
};

/** Member display names: letters, digits, `_`, `.`, `-`, space and Chinese characters. */
export const accountDisplayName = {
  hasValidCharacters: (s: string) => /^[A-Za-z0-9_.\- \u4e00-\u9fa5]*$/u.test(s),
  hasValidLength: (s: string) => codePoints(s) >= 2 && codePoints(s) <= 50,
};

/**
 * The local part of a member's account name: letters, digits and `_.-`, starting and ending with a letter
 * or digit, no two special characters in a row. 2-50 characters (the China-site limit).
 */
export const accountNamePrefix = {
  hasValidCharacters: (s: string) => /^[A-Za-z0-9](?:[_.-]?[A-Za-z0-9])*$/.test(s),
  hasValidLength: (s: string) => s.length >= 2 && s.length <= 50,
};

/** A member's account name (its email-like login): the prefix at the directory's own domain, in lower case. */
export function memberAccountName(prefix: string, directoryId: string): string {
  return `${prefix}@${directoryId}.aliyunid.com`.toLowerCase();
}
