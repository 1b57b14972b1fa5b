// `npm run db:migrate`: apply pending migrations to DATABASE_URL without starting the server
// (the server and the CLI also apply them on start).
import { applyMigrations } from "@/lib/db/migrate";

const applied = await applyMigrations();
console.log(JSON.stringify({ applied }));
