// Stage measurement for the benchmark: wall time, CPU time and the process's peak RSS so far.
import { performance } from "node:perf_hooks";

/**
 * Runs `fn` (sync or async) and returns { name, wallMs, cpuMs, peakRssBytes, value }. Most stages
 * are synchronous and block the event loop, so a timer could not sample them: peakRssBytes is the
 * process's high-water mark (getrusage maxrss) at the end of the stage, which a stage raised if it
 * is higher than the previous stage's.
 */
export async function measureStage(name, fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { name, wallMs: Math.round(performance.now() - start), cpuMs: Math.round((used.user + used.system) / 1000), peakRssBytes: process.resourceUsage().maxRSS * 1024, value };
}

const mib = (bytes) => (bytes === undefined ? "" : `${Math.round(bytes / 1048576)} MiB`);

/** The human table of one estate's result. */
export function printTable(title, result) {
  const out = [`\n${title}`, `${"stage".padEnd(36)} ${"wall ms".padStart(9)} ${"cpu ms".padStart(9)} ${"peak RSS".padStart(10)}`];
  for (const s of result.stages) out.push(`${s.name.padEnd(36)} ${String(s.wallMs).padStart(9)} ${String(s.cpuMs ?? "").padStart(9)} ${mib(s.peakRssBytes).padStart(10)}`);
  out.push(`ratio pipeline/floor: ${result.ratio} (pipeline ${result.pipelineMs} ms, floor ${result.floorMs} ms; target ≤ 4)`);
  out.push(`report command (4 formats): ${result.reportCommand.wallMs} ms, peak RSS ${mib(result.peakRssBytes)} (target ≤ 1024 MiB)`);
  process.stdout.write(`${out.join("\n")}\n`);
}
