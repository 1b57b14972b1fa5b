import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { getPanelUser, requirePage } from "@/lib/panel/guards";

const adminItems: NavItem[] = [
  { href: "/admin/partners", label: "Partners", icon: "partners" },
  { href: "/admin/services", label: "Services", icon: "services" },
  { href: "/admin/entitlements", label: "Entitlements", icon: "key" },
  { href: "/admin/audit", label: "Audit log", icon: "list" },
  { href: "/admin/mail", label: "Mail outbox", icon: "webhook" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Anyone else is sent on by the page's own guard, which knows the page to come back to.
  if ((await getPanelUser())?.role !== "admin") return children;
  const { user } = await requirePage({ access: { role: "admin" }, callbackPath: "/admin/partners" });
  return (
    <AppShell subtitle="Admin" homeHref="/admin/partners" items={adminItems} user={user}>
      {children}
    </AppShell>
  );
}
