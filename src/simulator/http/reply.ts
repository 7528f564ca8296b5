/**
 * What a handler answers: JSON rendered by "DRF", or one of Django's HTML pages. The server
 * turns these into bytes and headers in one place.
 */

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'html'; status: number; body: string };

/** Tells a Reply from a model object (jobs have a `kind` too, so check the shape). */
export function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; status?: unknown };
  return (v.kind === 'json' || v.kind === 'html') && typeof v.status === 'number' && 'body' in value;
}

export function json(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body };
}

/** DRF exception payload: `{"detail": "..."}`. */
export function detail(message: string, status: number): Reply {
  return json({ detail: message }, status);
}

/** Perfherder/bug-job-map style error: `{"message": "..."}`. */
export function message(text: string, status = 400): Reply {
  return json({ message: text }, status);
}

/** Django's built-in error page template (used when no custom template exists). */
function errorPage(title: string): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p></p>\n</body>\n</html>\n`;
}

/** Unhandled exception in a view (unguarded lookups, bad casts): Django's plain 500 page. */
export function serverError(): Reply {
  return { kind: 'html', status: 500, body: errorPage('Server Error (500)') };
}

/** `PermissionDenied` raised by CommonMiddleware for a disallowed User-Agent. */
export function forbiddenPage(): Reply {
  return { kind: 'html', status: 403, body: errorPage('403 Forbidden') };
}

/**
 * The single-page app shell that Treeherder's catch-all route serves for every path the API
 * does not know (including API paths without their trailing slash).
 */
export const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Treeherder</title>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

export function indexPage(): Reply {
  return { kind: 'html', status: 200, body: INDEX_HTML };
}
