// The web server sweeps too, so a job whose only worker died is still marked worker_lost.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWebSweeper } = await import("./lib/jobs/web-sweeper");
  startWebSweeper();
}
