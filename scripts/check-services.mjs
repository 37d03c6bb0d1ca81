// Fails fast, with what to do, when PostgreSQL or Redis cannot be reached.
import net from "node:net";

function reachable(urlString, fallbackPort) {
  const url = new URL(urlString);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || fallbackPort) });
    socket.setTimeout(3000);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
  });
}

const db = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/modelyard";
const redis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let ok = true;
if (!(await reachable(db, 5432))) {
  ok = false;
  console.error(`PostgreSQL is not reachable at ${new URL(db).host}. Start it (Debian: pg_ctlcluster <version> main start; Docker: docker compose up -d postgres) or set DATABASE_URL.`);
}
if (!(await reachable(redis, 6379))) {
  ok = false;
  console.error(`Redis is not reachable at ${new URL(redis).host}. Start it (redis-server --daemonize yes; Docker: docker compose up -d redis) or set REDIS_URL.`);
}
process.exit(ok ? 0 : 3);
