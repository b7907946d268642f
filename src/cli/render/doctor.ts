/** Renders `doctor`: one row per check with its mark, the fix under each failure or warning, a summary. */
import type { DoctorReport } from "../../app/doctor.ts";
import { mark, row } from "./card.ts";

const LABEL = 17;

/** The human view; fits 80 columns. */
export function renderDoctor(report: DoctorReport, colour: boolean): string {
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(row(`${mark(c.status, colour)} `, c.title, c.detail, LABEL));
    if (c.fix !== undefined && (c.status === "fail" || c.status === "warn")) {
      lines.push(row("     ", "", `fix: ${c.fix}`, LABEL));
    }
  }
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  const failed = count("fail");
  const warned = count("warn");
  lines.push(
    "",
    `${report.checks.length} checks: ${count("ok")} ok, ${warned} warning${warned === 1 ? "" : "s"}, ${failed} failed${count("skip") > 0 ? `, ${count("skip")} skipped` : ""}.`,
  );
  return `${lines.join("\n")}\n`;
}

/** The machine view. */
export function renderDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
