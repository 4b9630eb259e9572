import { anyResource } from '../../auth/resources.js';
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { treeDate } from '../../domain/dates.js';
import { RDCONTACTS_2026, defineOperation } from '../operation.js';

const FORMATS = ['standard', 'dingtalk', 'feishu', 'slack'] as const;

export default defineOperation({
  ...RDCONTACTS_2026,
  action: 'CreateMessageWebhook',
  scope: 'tenant',
  resources: [anyResource],
  params: [
    {
      name: 'Url',
      type: 'string',
      required: true,
      doc: 'Where messages are POSTed: an http:// or https:// URL without a user name or password (DingTalk and Feishu robot URLs as given by the robot).',
      checks: [{ code: 'InvalidParameter.Url', rule: 'an http:// or https:// URL of at most 2048 characters', test: (v: string) => v.length <= 2048 && /^https?:\/\//i.test(v) }],
    },
    {
      name: 'MessageTypes',
      type: 'array',
      required: true,
      doc: 'The message types whose published messages this webhook gets.',
      checks: [{ code: 'InvalidParameter.MessageTypes', rule: `1 to 6 of ${MESSAGE_TYPES.join(', ')}`, test: (v: string[]) => v.length >= 1 && v.length <= 6 && v.every((t) => (MESSAGE_TYPES as readonly string[]).includes(t)) }],
    },
    {
      name: 'Format',
      type: 'string',
      required: true,
      doc: 'The body and signature: `standard` (Standard Webhooks), `dingtalk` (custom robot, markdown), `feishu` (custom bot, text) or `slack` (incoming webhook).',
      checks: [{ code: 'InvalidParameter.Format', rule: `one of ${FORMATS.join(', ')}`, test: (v: string) => (FORMATS as readonly string[]).includes(v) }],
    },
    {
      name: 'Secret',
      type: 'string',
      doc: 'The signing secret: for `standard` a `whsec_` secret (generated and answered once when left out); for `dingtalk` the robot’s `SEC…` secret; for `feishu` the bot’s signing secret. Not used by `slack`.',
      checks: [{ code: 'InvalidParameter.Secret', rule: '1 to 1024 characters', test: (v: string) => v.length >= 1 && v.length <= 1024 }],
    },
  ],
  errors: [
    'MissingParameter.Url',
    'InvalidParameter.Url',
    'InvalidParameter.Url.Credentials',
    'MissingParameter.MessageTypes',
    'InvalidParameter.MessageTypes',
    'MissingParameter.Format',
    'InvalidParameter.Format',
    'InvalidParameter.Secret',
    'InvalidParameter.Secret.Length',
    'QuotaExceeded.Webhooks',
  ],
  async handle(p, ctx) {
    const { webhook, generatedSecret } = await ctx.services.webhooks.create(ctx.tenant, {
      url: p.Url,
      messageTypes: p.MessageTypes,
      format: p.Format as (typeof FORMATS)[number],
      secret: p.Secret,
    });
    return { WebhookId: webhook.id, CreateTime: treeDate(webhook.createdAt), ...(generatedSecret !== undefined && { Secret: generatedSecret }) };
  },
});
