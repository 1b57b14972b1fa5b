import { requireRole } from "@/lib/panel/guards";

export default async function CatalogPage() {
  await requireRole("end_user", "/catalog");
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Your apps</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The catalog of apps you can open arrives with one-time login.</p>
    </main>
  );
}
