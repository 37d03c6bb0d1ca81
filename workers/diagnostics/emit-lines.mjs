// Host self-test: prints numbered lines (optionally paced) and exits with a chosen code.
// Used by the log-burst job kind to measure streaming and to exercise cancel and worker loss.
const [lines = "10", intervalMs = "0", exitCode = "0"] = process.argv.slice(2);
const n = Number(lines);
const pace = Number(intervalMs);

process.on("SIGTERM", () => {
  process.stdout.write("emit-lines: got SIGTERM, exiting\n");
  process.exit(143);
});

// The start time lets the enqueue-to-spawn benchmark measure delivery latency from the log alone;
// the GPUs it was given show that slot accounting reached the process.
const gpus = process.env.CUDA_VISIBLE_DEVICES;
process.stderr.write(`emit-lines started at ${(performance.timeOrigin + performance.now()).toFixed(3)} CUDA_VISIBLE_DEVICES=${gpus ?? "(unset)"}\n`);

let i = 1;
function writeSome() {
  while (i <= n) {
    const ok = process.stdout.write(`line ${i} of ${n}\n`);
    i++;
    if (pace > 0) return setTimeout(writeSome, pace);
    if (!ok) return process.stdout.once("drain", writeSome);
  }
  process.exitCode = Number(exitCode);
}
writeSome();
