import { taggableType } from '../../domain/resource-tags.js';
import { toTags } from '../../domain/tags.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { resourceIdParam, resourceTypeParam, tagsToSetParam } from './tag-params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'TagResources',
  scope: 'directory',
  resources: [anyResource],
  params: [resourceIdParam(true), tagsToSetParam, resourceTypeParam],
  // The API documents no error codes: these are the answers for the ways a call can be wrong here.
  errors: [],
  alsoAnswers: ['EntityNotExists.ResourceDirectory', 'EntityNotExists.Account', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    await ctx.services.resourceTags.tag(ctx.directory, taggableType(p.ResourceType)!, p.ResourceId, toTags(p.Tag));
    return {};
  },
});
