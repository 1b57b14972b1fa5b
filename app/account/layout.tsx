import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { navigationFor } from "@/components/shell/nav-items";
import { getPanelUser, homeForRole } from "@/lib/panel/guards";

/** Pages about the signed-in person (not their company), in the frame of whichever area they belong to. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await getPanelUser();
  // Signed out: the page's guard sends the visitor to sign-in with the page as callbackUrl.
  if (!user) return children;
  return (
    <AppShell {...navigationFor(user.role)} homeHref={homeForRole(user.role)} user={user}>
      {children}
    </AppShell>
  );
}
