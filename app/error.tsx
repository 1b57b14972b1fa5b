"use client";

import { ErrorView } from "@/components/shell/error-view";

/** The error page of every page below the root layout. */
export default function ErrorPage(props: { error: unknown; retry: () => void }) {
  return <ErrorView {...props} />;
}
