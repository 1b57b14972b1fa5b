import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/docs/api-reference";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { apiReferenceBundleUrl } from "@/lib/docs/api-reference-bundle";

export const metadata: Metadata = { title: "API reference" };

const navLink =
  "rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800";

/**
 * The API reference: /api/openapi.json (every route, its request and answer schemas, the webhook events) rendered by
 * Scalar in the browser, with navigation and search; the bundle is served by Portico itself (no CDN).
 */
export default function ApiReferencePage() {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-2 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <Link href="/" className="shrink-0">
          <Logo subtitle="API reference" />
        </Link>
        <nav aria-label="Documentation" className="flex min-w-0 items-center gap-1">
          <Link href="/start" className={navLink}>
            Dashboard
          </Link>
          <a href="/api/openapi.json" className={`${navLink} hidden sm:inline`}>
            openapi.json
          </a>
          <ThemeToggle />
        </nav>
      </header>
      <main>
        <ApiReference specUrl="/api/openapi.json" bundleUrl={apiReferenceBundleUrl()} />
        <noscript>
          <p className="p-6 text-sm">
            The reference needs JavaScript. The same content is in <a href="/api/openapi.json">openapi.json</a>.
          </p>
        </noscript>
      </main>
    </div>
  );
}
