import { taggableType } from '../../domain/resource-tags.js';
import { toTagFilters } from '../../domain/tags.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { orUndefined, tagParam } from './params.js';
import { resourceIdParam, resourceTypeParam, tagMaxResultsParam, tagNextTokenParam } from './tag-params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'ListTagResources',
  scope: 'directory',
  resources: [anyResource],
  params: [tagNextTokenParam, tagMaxResultsParam, tagParam({ doc: 'Only tags matching one of these (`Tag.N.Key`, `Tag.N.Value`; a key without a value matches any value).' }), resourceIdParam(false), resourceTypeParam],
  // The API documents no error codes: these are the answers for the ways a call can be wrong here.
  errors: [],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle(p, ctx) {
    const type = taggableType(p.ResourceType)!;
    const page = await ctx.services.resourceTags.list(
      ctx.directory,
      { type, resourceIds: p.ResourceId, filters: toTagFilters(p.Tag) },
      { maxResults: p.MaxResults, nextToken: orUndefined(p.NextToken) },
    );
    return {
      // Only when another page follows: Terraform pages while NextToken is present, and an empty one would loop.
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
      TagResources: page.items.map((t) => ({ ResourceId: t.resourceId, ResourceType: type, TagKey: t.key, TagValue: t.value })),
    };
  },
});
