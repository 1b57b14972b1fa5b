import { checkDatabaseWritable } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Readiness (contract "Operations"): 200 only while the database accepts a write, else 503 JSON. */
export async function GET() {
  const database = await checkDatabaseWritable();
  const headers = { "Cache-Control": "no-store" };
  const { error, ...summary } = database;
  if (database.ok) return Response.json({ status: "ready", database: summary }, { headers });
  // The reason goes to the log, not to an unauthenticated caller.
  console.error(`portico: not ready: ${error}`);
  return Response.json(
    { error: "not_ready", message: "The database does not accept writes right now.", database: summary },
    { status: 503, headers },
  );
}
