import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { navigationFor } from "@/components/shell/nav-items";
import { getPanelUser, homeForRole } from "@/lib/panel/guards";

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await getPanelUser();
  // Signed out: each page's guard sends the visitor to sign-in with that page as callbackUrl (a layout has no path).
  if (!user) return children;
  if (user.role === "admin") redirect(homeForRole(user.role));
  return (
    <AppShell {...navigationFor(user.role)} homeHref={homeForRole(user.role)} user={user}>
      {children}
    </AppShell>
  );
}
