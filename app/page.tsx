import Link from "next/link";
import { ContactLink } from "@/components/contact-link";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-24">
      <h1 className="text-4xl font-semibold tracking-tight">Portico</h1>
      <p className="text-lg text-zinc-600 dark:text-zinc-400">
        The partner portal: register services, issue tokens, verify callbacks, receive webhooks and log your users in
        with one-time tokens.
      </p>
      <div className="flex gap-3">
        <Link href="/sign-in" className="rounded-md bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-500">
          Sign in
        </Link>
        <Link
          href="/sign-up"
          className="rounded-md border border-zinc-300 px-4 py-2 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Create an account
        </Link>
      </div>
      <p className="flex gap-4 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/docs/api" className="font-medium underline underline-offset-2 hover:no-underline">
          API reference
        </Link>
        <ContactLink />
      </p>
    </main>
  );
}
