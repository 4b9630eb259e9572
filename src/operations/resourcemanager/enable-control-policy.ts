import { ApiError } from '../../errors/api-error.js';
import { anyResource } from '../../auth/resources.js';
import { RESOURCE_MANAGER_2020, defineOperation } from '../operation.js';

/** Control policies are not supported: EnableControlPolicy says so (409 NotSupport.ControlPolicy) and changes nothing. */
export default defineOperation({
  ...RESOURCE_MANAGER_2020,
  action: 'EnableControlPolicy',
  scope: 'directory',
  resources: [anyResource],
  params: [],
  errors: ['Throttling.EnableControlPolicy'],
  alsoAnswers: ['EntityNotExists.ResourceDirectory', 'NotSupport.ControlPolicy'],
  unreachable: { 'Throttling.EnableControlPolicy': 'Control policies cannot be enabled here at all (NotSupport.ControlPolicy).' },
  async handle() {
    throw new ApiError('NotSupport.ControlPolicy');
  },
});
