/** Small formatting helpers shared by the renderers. */

/** "1.2 s", "3 min 4 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** An ISO timestamp as "2026-11-25 14:03 UTC" (operators compare it with cron logs). */
export function formatTime(iso: string | null): string {
  if (iso === null) return "—";
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
