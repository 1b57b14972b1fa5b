// Runs once when a Portico server starts: apply pending migrations, make sure an admin exists.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/ops/startup-context")).captureStartupContext();
  (await import("@/lib/api/peer-address")).installPeerAddressHeader();
  const { startPortico } = await import("@/lib/startup");
  await startPortico();
}
