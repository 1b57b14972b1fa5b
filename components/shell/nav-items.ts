// The navigation of each signed-in area, by role: the panel and admin layouts and the account pages share it.
import type { Role } from "@/lib/auth/schemas";
import type { NavItem } from "./nav-links";

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

const adminItems: NavItem[] = [
  { href: "/admin/partners", label: "Partners", icon: "partners" },
  { href: "/admin/services", label: "Services", icon: "services" },
  { href: "/admin/entitlements", label: "Entitlements", icon: "key" },
  { href: "/admin/audit", label: "Audit log", icon: "list" },
  { href: "/admin/mail", label: "Mail outbox", icon: "webhook" },
];

const endUserItems: NavItem[] = [{ href: "/catalog", label: "Catalog", icon: "grid" }];

export function navigationFor(role: Role): { subtitle: string; items: NavItem[] } {
  if (role === "admin") return { subtitle: "Admin", items: adminItems };
  if (role === "partner") return { subtitle: "Partner", items: partnerItems };
  return { subtitle: "Account", items: endUserItems };
}
