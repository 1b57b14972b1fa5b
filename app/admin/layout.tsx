import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { requirePage } from "@/lib/panel/guards";

const adminItems: NavItem[] = [
  { href: "/admin/partners", label: "Partners", icon: "partners" },
  { href: "/admin/services", label: "Services", icon: "services" },
  { href: "/admin/entitlements", label: "Entitlements", icon: "key" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePage({ access: { role: "admin" }, callbackPath: "/admin/partners" });
  return (
    <AppShell subtitle="Admin" homeHref="/admin/partners" items={adminItems} user={user}>
      {children}
    </AppShell>
  );
}
