export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installFrontDoor } = await import("./lib/http/front-door");
  const { env } = await import("./lib/env");
  installFrontDoor({ trustProxy: env().MODELYARD_TRUST_PROXY });
  // The web server sweeps too, so a job whose only worker died is still marked worker_lost.
  const { startWebSweeper } = await import("./lib/jobs/web-sweeper");
  startWebSweeper();
}
