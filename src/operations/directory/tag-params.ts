import { isValidTagToken, taggableType, TAGGABLE_TYPES } from '../../domain/resource-tags.js';
import { areValidTags } from '../../domain/tags.js';
import { defineParam } from '../operation.js';

/** The most resources one TagResources, UntagResources or ListTagResources call may name. */
export const MAX_RESOURCE_IDS = 50;

/** `ResourceType`: Account or Folder (Terraform tags folders through ResourceDirectoryMaster 2022-04-19). */
export const resourceTypeParam = defineParam({
  name: 'ResourceType',
  type: 'string',
  required: true,
  checks: [{ code: 'InvalidParameter.ResourceType', rule: TAGGABLE_TYPES.join(' or '), test: (v: string) => taggableType(v) !== undefined }],
  doc: 'Account or Folder.',
});

/** `ResourceId.N`: member account or folder IDs. */
export function resourceIdParam<const R extends boolean>(required: R) {
  return defineParam({
    name: 'ResourceId',
    type: 'array',
    required,
    checks: [{ code: 'InvalidParameter.ResourceId', rule: `1 to ${MAX_RESOURCE_IDS} IDs, each given once`, test: (v: string[]) => v.length <= MAX_RESOURCE_IDS && new Set(v).size === v.length }],
    doc: `The IDs of the member accounts or folders, at most ${MAX_RESOURCE_IDS}.`,
  });
}

/** `Tag.N.Key` / `Tag.N.Value` to set: at most 20, the usual key and value rules. */
export const tagsToSetParam = defineParam({
  name: 'Tag',
  type: 'objectArray',
  required: true,
  checks: [{ code: 'InvalidParameter.Tag', rule: 'at most 20; Key 1-128 characters, not aliyun… or acs:…, no key twice; Value up to 128 characters', test: areValidTags }],
  doc: 'The tags to add or overwrite; a resource has at most 20.',
});

/** `TagKey.N`: keys to remove. */
export const tagKeyParam = defineParam({
  name: 'TagKey',
  type: 'array',
  checks: [{ code: 'InvalidParameter.TagKey', rule: 'at most 20 keys', test: (v: string[]) => v.length <= 20 }],
  doc: 'The keys to remove, at most 20.',
});

export const tagNextTokenParam = defineParam({
  name: 'NextToken',
  type: 'string',
  checks: [{ code: 'InvalidParameter.NextToken', rule: 'a NextToken from an earlier page', test: (v: string) => v === '' || isValidTagToken(v) }],
  doc: 'Where the previous page ended; absent on the last page of an answer.',
});

export const tagMaxResultsParam = defineParam({
  name: 'MaxResults',
  type: 'integer',
  default: 10,
  checks: [{ code: 'InvalidParameter.MaxResults', rule: '1 to 1000', test: (v: number) => v >= 1 && v <= 1000 }],
  doc: 'Tags per page, 1-1000 (default 10).',
});
