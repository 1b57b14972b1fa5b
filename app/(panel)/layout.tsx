import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { getPanelUser, homeForRole } from "@/lib/panel/guards";

const partnerItems: NavItem[] = [
  { href: "/dashboard", label: "Overview", icon: "home", exact: true },
  { href: "/dashboard/services", label: "Services", icon: "services" },
  { href: "/dashboard/tokens", label: "API tokens", icon: "key" },
  { href: "/dashboard/transactions", label: "Transactions", icon: "list" },
  { href: "/dashboard/signing-key", label: "Signing key", icon: "signature" },
  { href: "/dashboard/webhooks", label: "Webhooks", icon: "webhook" },
  { href: "/dashboard/statistics", label: "Statistics", icon: "chart" },
  { href: "/dashboard/team", label: "Team", icon: "partners" },
  { href: "/dashboard/audit", label: "Audit log", icon: "list" },
  { href: "/catalog", label: "Catalog", icon: "grid" },
  { href: "/dashboard/settings", label: "Settings", icon: "settings" },
];

const endUserItems: NavItem[] = [{ href: "/catalog", label: "Catalog", icon: "grid" }];

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await getPanelUser();
  // Signed out: each page's guard sends the visitor to sign-in with that page as callbackUrl (a layout has no path).
  if (!user) return children;
  if (user.role === "admin") redirect(homeForRole(user.role));
  const partner = user.role === "partner";
  return (
    <AppShell
      subtitle={partner ? "Partner" : "Account"}
      homeHref={homeForRole(user.role)}
      items={partner ? partnerItems : endUserItems}
      user={user}
    >
      {children}
    </AppShell>
  );
}
