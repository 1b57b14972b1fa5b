import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { navigationFor } from "@/components/shell/nav-items";
import { getPanelUser, requirePage } from "@/lib/panel/guards";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Anyone else is sent on by the page's own guard, which knows the page to come back to.
  if ((await getPanelUser())?.role !== "admin") return children;
  const { user } = await requirePage({ access: { role: "admin" }, callbackPath: "/admin/partners" });
  return (
    <AppShell {...navigationFor("admin")} homeHref="/admin/partners" user={user}>
      {children}
    </AppShell>
  );
}
