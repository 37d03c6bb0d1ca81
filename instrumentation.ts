export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnfetchableMethods } = await import("./lib/http/refuse-unfetchable-methods");
  const { allowHeader } = await import("./lib/api/allowed-methods");
  refuseUnfetchableMethods(allowHeader);
  // The web server sweeps too, so a job whose only worker died is still marked worker_lost.
  const { startWebSweeper } = await import("./lib/jobs/web-sweeper");
  startWebSweeper();
}
