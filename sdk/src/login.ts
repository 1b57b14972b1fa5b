// One-time login helpers for the partner's landing URL: Portico sends the user to `<service url>?services=<token>&v=…`.

/** The one-time token in a request URL (`?services=`), or null. */
export function readServicesToken(url: string | URL): string | null {
  const parsed = typeof url === "string" ? new URL(url, "http://localhost") : url;
  return parsed.searchParams.get("services");
}

/** The URL without `services=`, to redirect to after login so the token leaves the address bar and history. */
export function stripServicesToken(url: string | URL): string {
  const parsed = new URL(typeof url === "string" ? url : url.toString(), "http://localhost");
  parsed.searchParams.delete("services");
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
