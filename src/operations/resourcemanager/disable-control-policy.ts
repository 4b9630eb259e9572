import { anyResource } from '../../auth/resources.js';
import { RESOURCE_MANAGER_2020, defineOperation } from '../operation.js';

/** Control policies are never enabled here (EnableControlPolicy answers NotSupport.ControlPolicy): disabling them is already done. */
export default defineOperation({
  ...RESOURCE_MANAGER_2020,
  action: 'DisableControlPolicy',
  scope: 'directory',
  resources: [anyResource],
  params: [],
  errors: [],
  alsoAnswers: ['EntityNotExists.ResourceDirectory'],
  async handle() {
    return { EnablementStatus: 'Disabled' };
  },
});
