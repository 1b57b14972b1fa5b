"use client";
// Replaces the root layout when the layout itself fails, so it brings its own document, styles and theme.
import { ErrorView } from "@/components/shell/error-view";
import "./globals.css";

export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <title>Error · Portico</title>
        <ErrorView {...props} />
      </body>
    </html>
  );
}
