// Hawk MACs the request's resource, host and port separately, so signer and verifier must cut a
// URL into those three parts the same way. Both sides use the WHATWG parser (what `Request.url`
// is already normalised with), not hawk's legacy `url.parse`, so percent-encoding, lower-cased
// hosts and bracketed IPv6 literals agree.

/** Path plus query, as Hawk signs it. Keeps a bare trailing `?`, which hawk's client also keeps. */
export function toHawkResource(url: URL): string {
  if (url.search !== '') {
    return url.pathname + url.search;
  }
  // A `#` in href can only start the fragment: the parser percent-encodes it everywhere else.
  const fragmentAt = url.href.indexOf('#');
  const withoutFragment = fragmentAt === -1 ? url.href : url.href.slice(0, fragmentAt);
  return withoutFragment.endsWith('?') ? `${url.pathname}?` : url.pathname;
}

/** The port Hawk signs: the explicit one, else the scheme's default. */
export function toHawkPort(url: URL): number {
  if (url.port !== '') {
    return Number(url.port);
  }
  return url.protocol === 'https:' ? 443 : 80;
}
