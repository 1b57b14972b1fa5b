import type { ReactNode } from "react";
import { HeadingRow, type HeadingRowContent, type HeadingRowStyle } from "./heading-row";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section
      className={`rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      {children}
    </section>
  );
}

const cardHeaderStyle: HeadingRowStyle = {
  row: "flex flex-wrap items-start justify-between gap-4 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800",
  title: "text-base font-semibold",
  description: "mt-1 text-sm text-zinc-500 dark:text-zinc-400",
  actions: "flex shrink-0 items-center gap-2",
};

export function CardHeader(props: HeadingRowContent) {
  return <HeadingRow {...props} level="h2" style={cardHeaderStyle} />;
}

export function CardBody({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`px-5 py-5 ${className}`}>{children}</div>;
}
