// Creates the database named in DATABASE_URL when the server is up but the database is not,
// and says clearly what to do when the server cannot be reached.
import pg from "pg";

const url = new URL(process.env.DATABASE_URL);
const name = decodeURIComponent(url.pathname.slice(1));
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
try {
  await client.connect();
} catch (err) {
  console.error(`PostgreSQL is not reachable at ${url.host} (${err.message}).\n` +
    `Start it (e.g. pg_ctlcluster <version> main start) or set DATABASE_URL to a reachable server.`);
  process.exit(3);
}
const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
if (rowCount === 0) {
  await client.query(`create database "${name.replaceAll('"', '""')}"`);
  console.log(`created database ${name}`);
}
await client.end();
