/**
 * Last line of defence for output: scrubs anything that looks like a credential from a message before it is
 * printed. The first line of defence is never putting secrets into messages at all.
 */

const patterns: RegExp[] = [
  /(authorization:\s*)(bearer|basic)\s+[^\s"']+/gi,
  /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /((?:access|refresh|ingest)_?token|client_?secret|code|password|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Replaces credential-looking substrings with [redacted]. */
export function redact(text: string): string {
  let out = text;
  for (const pattern of patterns) {
    out = out.replace(pattern, (match, ...groups) => {
      if (typeof groups[0] === "string" && typeof groups[1] === "string" && /[:=]/.test(groups[1])) {
        return `${groups[0]}${groups[1]}[redacted]`;
      }
      if (typeof groups[0] === "string" && /authorization/i.test(groups[0])) return `${groups[0]}[redacted]`;
      return match.startsWith("-----") ? "[redacted private key]" : `${match.split(/\s+/)[0]} [redacted]`;
    });
  }
  return out;
}
