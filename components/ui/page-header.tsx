import { HeadingRow, type HeadingRowContent, type HeadingRowStyle } from "./heading-row";

const pageHeaderStyle: HeadingRowStyle = {
  row: "mb-6 flex flex-wrap items-end justify-between gap-4",
  title: "text-2xl font-semibold tracking-tight",
  description: "mt-1 text-sm text-zinc-600 dark:text-zinc-400",
  actions: "flex items-center gap-2",
};

export function PageHeader(props: HeadingRowContent) {
  return <HeadingRow {...props} level="h1" style={pageHeaderStyle} />;
}
