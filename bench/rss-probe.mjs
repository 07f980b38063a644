// Preloaded into a benchmarked command (`node --import ./bench/rss-probe.mjs …`): at exit it writes
// the process's peak RSS and CPU time to BENCH_RSS_FILE, so the real CLI is measured unmodified.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, JSON.stringify({ peakRssBytes: usage.maxRSS * 1024, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
});
