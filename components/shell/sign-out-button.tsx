import Link from "next/link";
import { signOutAction, signOutEverywhereAction } from "@/lib/panel/sign-out";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          className="size-5"
          aria-hidden="true"
        >
          <path
            d="M15 17l5-5-5-5M20 12H9M12 21H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h7"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        Sign out
      </button>
    </form>
  );
}

/** The signed-in person's own password (changing it ends every session). */
export function ChangePasswordLink() {
  return (
    <Link
      href="/account/password"
      className="w-full rounded-md px-3 py-1.5 text-left text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
    >
      Change password
    </Link>
  );
}

/** Ends every session of the signed-in user (other browsers, a lost laptop) as well as this one. */
export function SignOutEverywhereButton() {
  return (
    <form action={signOutEverywhereAction}>
      <button
        type="submit"
        className="w-full rounded-md px-3 py-1.5 text-left text-xs text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        Sign out of all devices
      </button>
    </form>
  );
}
