import Link from "next/link";
import type { ReactNode } from "react";
import { ContactLink } from "../contact-link";
import { ThemeToggle } from "../theme-toggle";
import { ToastProvider } from "../toast/toast-provider";
import { Logo } from "./logo";
import { MobileNav, type NavItem, NavLinks } from "./nav-links";
import { ChangePasswordLink, SignOutButton, SignOutEverywhereButton } from "./sign-out-button";

function UserCard({ name, email }: { name: string | null | undefined; email: string }) {
  return (
    <div className="min-w-0 px-3">
      <p className="truncate text-sm font-medium">{name || email}</p>
      {name ? <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{email}</p> : null}
    </div>
  );
}

/** The signed-in frame: sidebar on large screens, a top bar with a menu on small ones. */
export function AppShell({
  subtitle,
  homeHref,
  items,
  user,
  children,
}: {
  subtitle: string;
  homeHref: string;
  items: NavItem[];
  user: { name?: string | null; email: string };
  children: ReactNode;
}) {
  const footer = (
    <div className="flex flex-col gap-2">
      <UserCard name={user.name} email={user.email} />
      <SignOutButton />
      <ChangePasswordLink />
      <SignOutEverywhereButton />
      <p className="flex gap-3 px-3 pt-1 text-xs text-zinc-500 dark:text-zinc-400">
        <Link href="/docs/api" className="hover:text-zinc-800 dark:hover:text-zinc-200">
          API reference
        </Link>
        <ContactLink className="hover:text-zinc-800 dark:hover:text-zinc-200" />
      </p>
    </div>
  );
  return (
    <ToastProvider>
      <div className="min-h-screen lg:flex">
        <aside className="hidden w-64 shrink-0 flex-col border-r border-zinc-200 bg-white lg:fixed lg:inset-y-0 lg:flex dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex h-16 items-center justify-between px-5">
            <Link href={homeHref}>
              <Logo subtitle={subtitle} />
            </Link>
            <ThemeToggle />
          </div>
          <nav aria-label="Main" className="flex-1 px-3 py-2">
            <NavLinks items={items} />
          </nav>
          <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">{footer}</div>
        </aside>
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-zinc-200 bg-white/90 px-4 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-900/90">
          <Link href={homeHref}>
            <Logo subtitle={subtitle} />
          </Link>
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <MobileNav items={items} footer={footer} />
          </div>
        </header>
        <main className="min-w-0 flex-1 lg:pl-64">
          <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 lg:px-10">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
