import type { AnyErrorCode } from '../../errors/api-error.js';
import { idPattern } from '../../ids.js';
import { areValidTags } from '../../domain/tags.js';
import { folderName } from '../../domain/tree-names.js';
import { defineParam } from '../operation.js';

/** A Root (`r-` + 6) or folder (`fd-` + 10) ID. */
export function isFolderId(value: string): boolean {
  return idPattern.rootFolder.test(value) || idPattern.folder.test(value);
}

/** A required folder-ID parameter: absent → MissingParameter.<name>, another shape → InvalidParameter.<name>. */
export function requiredFolderId<const N extends string>(o: { name: N; doc: string }) {
  return defineParam({
    name: o.name,
    type: 'string',
    required: true,
    doc: o.doc,
    checks: [{ code: `InvalidParameter.${o.name}` as AnyErrorCode, rule: 'r- + 6 or fd- + 10 letters or digits', test: isFolderId }],
  });
}

/** `ParentFolderId`, optional: empty or absent means Root. */
export function parentFolderIdParam(o: { doc: string }) {
  return defineParam({
    name: 'ParentFolderId',
    type: 'string',
    doc: o.doc,
    checks: [{ code: 'InvalidParameter.ParentFolderId', rule: 'empty (Root), or r- + 6 or fd- + 10 letters or digits', test: (v: string) => v === '' || isFolderId(v) }],
  });
}

/** A required member-account ID (16 digits). */
export function requiredAccountId<const N extends string>(o: { name: N; doc: string }) {
  return defineParam({
    name: o.name,
    type: 'string',
    required: true,
    doc: o.doc,
    checks: [{ code: `InvalidParameter.${o.name}` as AnyErrorCode, rule: '16 digits, the first not 0', test: (v: string) => idPattern.account.test(v) }],
  });
}

/** A folder's new name (FolderName of CreateFolder, NewFolderName of UpdateFolder); unique among its siblings. */
export function folderNameParam<const N extends string>(o: { name: N; doc: string }) {
  return defineParam({
    name: o.name,
    type: 'string',
    required: true,
    missingError: 'MissingParameter.Folder.Name',
    doc: o.doc,
    checks: [
      { code: 'MissingParameter.Folder.Name', rule: 'not empty', test: (v: string) => v !== '' },
      { code: 'InvalidParameter.Folder.Name', rule: 'letters, digits, _ . - and Chinese characters', test: folderName.hasValidCharacters },
      { code: 'InvalidParameter.Folder.Name.Length', rule: '1-24 characters', test: folderName.hasValidLength },
    ],
  });
}

/** `Tag.N.Key` / `Tag.N.Value`: tags to keep, or tag filters of a list. */
export function tagParam(o: { doc: string }) {
  return defineParam({
    name: 'Tag',
    type: 'objectArray',
    doc: o.doc,
    checks: [{ code: 'InvalidParameter.Tag', rule: 'at most 20; Key 1-128 characters, not aliyun… or acs:…, no key twice; Value up to 128 characters', test: areValidTags }],
  });
}

export function queryKeywordParam(o: { doc: string }) {
  return defineParam({ name: 'QueryKeyword', type: 'string', doc: o.doc });
}

export const includeTagsParam = defineParam({ name: 'IncludeTags', type: 'boolean', default: false, doc: '`true`: each account is returned with its tags.' });

export const dryRunParam = defineParam({ name: 'DryRun', type: 'boolean', default: false, doc: '`true`: only check the request (parameters, permissions, limits) and change nothing; `false`: do it.' });

/** An optional text parameter given as empty is the same as absent. */
export function orUndefined(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * Why documented codes of the tree operations cannot arise here (docs/compatibility.md, the Unreachable column).
 * An Alibaba Cloud account has a site (China or international), a real-name verification (individual or
 * enterprise), security information and a billing profile; a tenant here is an account ID and its keys.
 */
export const unreachableBecause = {
  site: 'rdcontacts has no China and international sites: every account may do every action.',
  realName: 'rdcontacts has no real-name verification or enterprise names: every tenant account may enable a directory.',
  accountType: 'rdcontacts has no account profile types (individual, enterprise): every tenant account may enable a directory.',
  newManagementAccount:
    'Only with EnableMode=NewManagementAccount (a new management account with its name, secure mobile phone and verification code), which answers 409 NotSupport.NewManagementAccount before anything else; CurrentAccount uses none of MAName, MASecureMobilePhone and VerificationCode.',
  billing:
    'rdcontacts keeps no billing: no payment accounts, financial relationships, invoices, arrears, resellers, virtual operators or partners. PayerAccountId is only checked to be the management account or a member (NotSupport.PayerAccountInAnotherResourceDirectory).',
  securityInfo:
    'Security information (a secure mobile phone) is asked of a new management account only (EnableMode=NewManagementAccount, answered 409 NotSupport.NewManagementAccount); tenant accounts here have no security information that could be missing.',
  accountCreationSwitch:
    'Alibaba Cloud can disable account creation for a directory; rdcontacts has no such switch: its only limit is RDC_MAX_ACCOUNTS_PER_DIRECTORY (LimitExceeded.Account).',
  businessRestriction: 'Business restrictions set by Alibaba Cloud customer service do not exist here.',
  renameKeepsDepth: 'UpdateFolder only renames: the folder keeps its parent and its depth, and CreateFolder already refuses a sixth level.',
  accountFirst:
    'Listed after EntityNotExists.Account, and checks run in table order: without a directory no AccountId is a member of the caller\'s directory, so EntityNotExists.Account answers.',
} as const;
