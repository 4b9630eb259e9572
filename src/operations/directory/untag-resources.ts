import { taggableType } from '../../domain/resource-tags.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_DIRECTORY_MASTER_2022, defineOperation } from '../operation.js';
import { resourceIdParam, resourceTypeParam, tagKeyParam } from './tag-params.js';

export default defineOperation({
  ...RESOURCE_DIRECTORY_MASTER_2022,
  action: 'UntagResources',
  scope: 'directory',
  resources: [anyResource],
  params: [{ name: 'All', type: 'boolean', default: false, doc: 'true: remove every tag of the resources (TagKey is then not needed).' }, resourceIdParam(true), tagKeyParam, resourceTypeParam],
  // The API documents no error codes: these are the answers for the ways a call can be wrong here.
  errors: [],
  alsoAnswers: ['EntityNotExists.ResourceDirectory', 'EntityNotExists.Account', 'EntityNotExists.Folder'],
  async handle(p, ctx) {
    await ctx.services.resourceTags.untag(ctx.directory, taggableType(p.ResourceType)!, p.ResourceId, p.All ? 'all' : (p.TagKey ?? []));
    return {};
  },
});
