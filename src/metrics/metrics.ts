/**
 * What the parts of rdcontacts report to its metrics, free of prom-client: the pipeline, the store, the
 * delivery and the job runner depend on these small interfaces, and composeApp gives each the one built by
 * createMetrics (registry.ts). Labels are bounded by design: actions of the registry, API error codes,
 * channels; never an ID or an address.
 */

/** The action and version label of a request no declared operation served (unknown action, refused signature). */
export const UNKNOWN = 'unknown';

/** The HTTP status class of an answer, the `status_class` label. */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';

/** Calls of the signed API, as the request pipeline sees them. */
export interface ApiMetrics {
  /**
   * A request entered the pipeline; call the returned function once with what it answered. `action` and
   * `version` are those of the operation served, or UNKNOWN when none was (bounded label values).
   */
  requestStarted(): (answered: { action: string; version: string; status: number }) => void;
  /** A request refused by the signature check, with the code it was answered. */
  signatureFailed(code: string): void;
  /** A request RAM refused (403 NoPermission), by its action. */
  ramDenied(action: string): void;
}

/** How long the store's transactions, and the commits that make them durable, take. */
export interface StoreTimings {
  /** One transaction, from the call to its result (on SQLite: including its wait for the shared commit). */
  transaction(seconds: number): void;
  /** One commit statement: on SQLite the group commit's fsync, on PostgreSQL the COMMIT (its WAL flush). */
  commit(seconds: number): void;
}

/** The channels a delivery goes out on. */
export type DeliveryChannel = 'email' | 'sms' | 'webhook';

/** Sends through a real transport (SMTP, an SMS provider, a webhook); messages captured in the outbox are no attempt. */
export interface DeliveryMetrics {
  deliveryAttempted(channel: DeliveryChannel): void;
  deliveryFailed(channel: DeliveryChannel): void;
}

/** What an expired lease guarded: a contact being changed, or a background job. */
export type LeaseKind = 'contact' | 'job';

/** A lease left by a node that died (or stalled) and claimed by another one after it expired. */
export interface LeaseMetrics {
  leaseTakenOver(kind: LeaseKind): void;
}

/** Why a call was refused a turn (src/http/admission.ts): too many waiting, waited too long, its client left. */
export type ShedReason = 'queue_full' | 'waited_too_long' | 'client_gone';

/** Calls refused by admission control, and how many wait or run at a scrape. */
export interface AdmissionMetrics {
  callShed(reason: ShedReason): void;
  /** Read at each scrape. */
  watchAdmission(admission: { readonly queued: number }): void;
}

/** Everything the server reports; built once per server (createMetrics). */
export interface Metrics extends ApiMetrics, DeliveryMetrics, LeaseMetrics, AdmissionMetrics {
  readonly store: StoreTimings;
}

/** The status class of an HTTP status. */
export function statusClassOf(status: number): StatusClass {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}
