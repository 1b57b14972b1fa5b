import { redirect } from "next/navigation";
import { getPanelUser, homeForRole } from "@/lib/panel/guards";

/** Where sign-in lands: sends each role to its home. */
export default async function StartPage() {
  const user = await getPanelUser();
  redirect(user ? homeForRole(user.role) : "/sign-in");
}
