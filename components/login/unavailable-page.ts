// The page a launch without access answers with: plain HTML from the route handler (no token was minted).

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderUnavailablePage(options: { serviceName: string | null; missing?: boolean }): string {
  const what = options.serviceName ? `“${escapeHtml(options.serviceName)}”` : "this app";
  const heading = options.missing ? "This app does not exist" : `You don’t have access to ${what}`;
  const explanation = options.missing
    ? "The link points to an app that was removed or never existed. Your catalog lists the apps you can open."
    : `Access to an app comes with a purchase or a grant from your administrator. If you think you should have it,
  contact them; once access is granted the app appears in your catalog.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.missing ? "Not found" : "No access"} · Portico</title>
<style>
  body { font-family: system-ui, sans-serif; background: #fafafa; color: #18181b; margin: 0; display: grid; min-height: 100vh; place-items: center; }
  main { max-width: 28rem; margin: 1.5rem; padding: 2rem; background: #fff; border: 1px solid #e4e4e7; border-radius: 0.75rem; }
  h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
  p { color: #52525b; line-height: 1.5; }
  a { display: inline-block; margin-top: 0.5rem; padding: 0.5rem 1rem; border-radius: 0.375rem; background: #4f46e5; color: #fff; text-decoration: none; }
  @media (prefers-color-scheme: dark) { body { background: #09090b; color: #f4f4f5; } main { background: #18181b; border-color: #27272a; } p { color: #a1a1aa; } }
</style>
</head>
<body>
<main data-testid="launch-unavailable">
  <h1>${heading}</h1>
  <p>${explanation}</p>
  <a href="/catalog">Back to your catalog</a>
</main>
</body>
</html>`;
}
