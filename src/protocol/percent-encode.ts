/** RFC 3986 percent-encoding as both Alibaba Cloud signatures use it: only A-Z a-z 0-9 - _ . ~ stay raw. */
export function percentEncode(value: string): string {
  // Most names and values of a signed call (Action, ContactId, dates) have nothing to encode: tested first,
  // they skip encodeURIComponent and its replace's callback.
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
