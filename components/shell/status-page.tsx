// A whole page that says what went wrong (not found, an error) and offers ways back. No hooks and no server-only
// imports, so the error boundaries (client components) and the not-found page (a server component) share it.
import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "./logo";

export function StatusPage({
  code,
  title,
  children,
  actions,
  testId,
}: {
  code: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
  testId: string;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-16 items-center px-6">
        <Link href="/">
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 pb-16 sm:pt-24">
        <div data-testid={testId} className="w-full max-w-lg text-center">
          <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">{code}</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{title}</h1>
          <div className="mt-4 text-zinc-600 dark:text-zinc-400">{children}</div>
          <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{actions}</div>
        </div>
      </main>
    </div>
  );
}
