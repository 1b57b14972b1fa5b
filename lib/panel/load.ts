// Detail pages look records up by an id from the URL; one that is missing (or another partner's) is a 404 page.
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** What `load` returns; its `not_found` AppError becomes Next's 404 page, anything else propagates. */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
