import { ApiError } from '../../errors/api-error.js';
import { actionTrail } from '../../auth/resources.js';
import type { AuditFilterField } from '../../store/records.js';
import { defineOperation } from '../operation.js';
import { ACTIONTRAIL_2020 } from './api.js';

const DAY_MS = 86_400_000;
/** ActionTrail's time format: UTC `yyyy-MM-ddTHH:mm:ssZ` (milliseconds accepted too). */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** LookupAttribute keys served, and what each matches (exactly, case-sensitively). */
const ATTRIBUTES: Record<string, AuditFilterField> = {
  EventId: 'eventId',
  EventName: 'eventName',
  ServiceName: 'serviceName',
  EventRW: 'eventRw',
  EventAccessKeyId: 'accessKeyId',
  User: 'userName',
  SourceIpAddress: 'sourceIp',
};

const isTime = (v: string) => TIME.test(v) && !Number.isNaN(Date.parse(v));

export default defineOperation({
  ...ACTIONTRAIL_2020,
  action: 'LookupEvents',
  scope: 'tenant',
  resources: [actionTrail],
  params: [
    { name: 'StartTime', type: 'string', doc: 'Events from this time on (UTC, yyyy-MM-ddTHH:mm:ssZ); default 7 days before EndTime.', checks: [{ code: 'InvalidParameterStartTime', rule: 'yyyy-MM-ddTHH:mm:ssZ', test: isTime }] },
    { name: 'EndTime', type: 'string', doc: 'Events up to this time, its second included (UTC, yyyy-MM-ddTHH:mm:ssZ); default now.', checks: [{ code: 'InvalidParameterEndTime', rule: 'yyyy-MM-ddTHH:mm:ssZ', test: isTime }] },
    {
      name: 'LookupAttribute',
      type: 'objectArray',
      doc: `Up to two conditions \`LookupAttribute.N.Key\`/\`.Value\`, all of which an event matches exactly; keys: ${Object.keys(ATTRIBUTES).join(', ')}. Further ones are ignored, as by ActionTrail.`,
      checks: [
        {
          code: 'InvalidQueryParameter',
          rule: 'each with a served Key and a Value',
          test: (v: Array<Record<string, string>>) => v.slice(0, 2).every((a) => a.Key !== undefined && a.Key in ATTRIBUTES && a.Value !== undefined),
        },
      ],
    },
    { name: 'MaxResults', type: 'integer', default: 20, typeError: 'InvalidQueryParameter', doc: 'Events per page, 1 to 50 (default 20).', checks: [{ code: 'InvalidQueryParameter', rule: '1 to 50', test: (v: number) => v >= 1 && v <= 50 }] },
    { name: 'NextToken', type: 'string', doc: 'The NextToken of the previous page: the page after it.' },
    {
      name: 'Direction',
      type: 'string',
      default: 'BACKWARD',
      doc: 'BACKWARD (newest first, the default) or FORWARD (oldest first).',
      checks: [{ code: 'InvalidQueryParameter', rule: 'FORWARD or BACKWARD', test: (v: string) => v === 'FORWARD' || v === 'BACKWARD' }],
    },
  ],
  errors: ['InvalidParameterCombination', 'InvalidQueryParameter', 'InvalidParameterEndTime', 'InvalidParameterStartTime'],
  async handle(p, ctx) {
    const to = p.EndTime === undefined ? Date.now() : Date.parse(p.EndTime);
    const from = p.StartTime === undefined ? to - 7 * DAY_MS : Date.parse(p.StartTime);
    if (to <= from) throw new ApiError('InvalidParameterCombination');
    // The same key twice: the later condition applies (ActionTrail's rule).
    const filter = Object.fromEntries((p.LookupAttribute ?? []).slice(0, 2).map((a) => [ATTRIBUTES[a.Key!]!, a.Value!]));
    const page = await ctx.services.audit.lookup(ctx.tenant, {
      from,
      // The second EndTime names is included whole.
      to: p.EndTime === undefined ? to : to + 999,
      filter,
      direction: p.Direction as 'FORWARD' | 'BACKWARD',
      limit: p.MaxResults,
      ...(p.NextToken !== undefined && p.NextToken !== '' && { nextToken: p.NextToken }),
    });
    return { Events: page.events, ...(page.nextToken && { NextToken: page.nextToken }), StartTime: utcSeconds(from), EndTime: utcSeconds(to) };
  },
});

function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
