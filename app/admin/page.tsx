import { redirect } from "next/navigation";
import { requireRole } from "@/lib/panel/guards";

export default async function AdminPage() {
  await requireRole("admin", "/admin/partners");
  redirect("/admin/partners");
}
