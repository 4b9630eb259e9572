/** RFC 3986 percent-encoding as both Alibaba Cloud signatures use it: only A-Z a-z 0-9 - _ . ~ stay raw. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
