// Preloaded (`node -r`) by bench/run.mjs into each CLI process it times: at exit, writes the process's
// peak resident set in kilobytes and its CPU time (user + system) in microseconds, the kernel's own
// accounting, to $BENCH_RSS_FILE.
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const u = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
});
