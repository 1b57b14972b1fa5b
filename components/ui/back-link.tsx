import Link from "next/link";

/** The "← Parent" link above a page's header. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <nav className="mb-2 text-sm">
      <Link href={href} className="text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
        {`← ${label}`}
      </Link>
    </nav>
  );
}
