/**
 * The small pages the browser shows after Bitbucket redirects back to the loopback server. They load
 * nothing external (the callback URL holds the code, so no request may carry it on as a Referer).
 */

/** What a page says; `ok` picks the tone. */
export interface CallbackPage {
  ok: boolean;
  title: string;
  message: string;
}

/** Headers for every page: no caching, no referrer, nothing but the inline style may load. */
export const pageHeaders = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  "x-content-type-options": "nosniff",
} as const;

/** Renders a page as HTML. */
export function renderCallbackPage(page: CallbackPage): string {
  const colour = page.ok ? "#1f7a3a" : "#a12622";
  const mark = page.ok ? "✓" : "✗";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>corvana-bb — ${escapeHtml(page.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem;color:${colour}}p{margin:.8rem 0}small{color:#666}</style></head>
<body><h1>${mark} ${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>
<p><small>corvana-bb login — you can close this tab.</small></p></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The pages the login flow uses. */
export const pages = {
  success: {
    ok: true,
    title: "Logged in",
    message: "corvana-bb received the authorization. Go back to the terminal to see the result.",
  },
  wrongState: {
    ok: false,
    title: "This link belongs to another login",
    message:
      "The state in this address does not match the login waiting in the terminal, so it was refused. If you started several logins, use the link printed by the most recent one.",
  },
  replayed: {
    ok: false,
    title: "Already used",
    message: "This login has already received its answer; a second one is refused. Go back to the terminal.",
  },
  denied: {
    ok: false,
    title: "Access was not granted",
    message:
      "Bitbucket reported that access was denied, so corvana-bb has no credentials. Run `corvana-bb login` again and choose Grant access.",
  },
  ended: {
    ok: false,
    title: "This login has ended",
    message: "The login in the terminal stopped before it could finish. Run `corvana-bb login` again.",
  },
  failed: (message: string): CallbackPage => ({ ok: false, title: "Login failed", message }),
} as const;
