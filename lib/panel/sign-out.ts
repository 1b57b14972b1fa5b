"use server";

import { auth, signOut } from "@/lib/auth/auth";
import { revokeUserSessions } from "@/lib/auth/sessions";

/** Ends this browser's session on the server (next-auth's signOut event revokes it) and goes to sign-in. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

/** "Sign out of all devices": every session of this user ends at once, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await auth();
  if (session?.user?.id) await revokeUserSessions(session.user.id);
  await signOut({ redirectTo: "/sign-in" });
}
