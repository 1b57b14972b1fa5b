"use client";
// Mounts Scalar's API reference (a Vue app in one browser bundle) into an element React leaves empty. The bundle is
// added as a script element by this component: under the page CSP's 'strict-dynamic', a script that a nonce'd script
// inserts may run, so /docs/api needs no policy of its own (Scalar's injected <style> tags fall under the site-wide
// style-src 'unsafe-inline'). Everything the reference fetches is on our origin: the document, the bundle; fonts,
// telemetry, the AI agent and the request proxy, which would call Scalar's servers, are switched off.
import { useEffect, useRef } from "react";

interface ScalarInstance {
  updateConfiguration: (configuration: Record<string, unknown>) => void;
  destroy: () => void;
}

declare global {
  interface Window {
    Scalar?: { createApiReference: (element: Element, configuration: Record<string, unknown>) => ScalarInstance };
  }
}

function isDark(): boolean {
  return document.documentElement.classList.contains("dark");
}

function configuration(specUrl: string): Record<string, unknown> {
  return {
    url: specUrl,
    layout: "modern",
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never",
    // The in-page request runner would send bearer tokens from the browser (through a proxy for other origins);
    // the reference documents, the partner's backend calls.
    hideTestRequestButton: true,
    hideClientButton: true,
    hideDarkModeToggle: true,
    forceDarkModeState: isDark() ? "dark" : "light",
    documentDownloadType: "json",
    // Room for the page's own sticky header (h-14) above the reference's sticky sidebar.
    customCss: `:root { --scalar-custom-header-height: 3.5rem; }
      .scalar-app { --scalar-font: var(--font-sans); --scalar-font-code: var(--font-mono); }`,
  };
}

export function ApiReference({ specUrl, bundleUrl }: { specUrl: string; bundleUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let instance: ScalarInstance | undefined;
    let cancelled = false;
    const mount = () => {
      if (cancelled || !container.current || !window.Scalar) return;
      instance = window.Scalar.createApiReference(container.current, configuration(specUrl));
    };
    // The site's theme toggle flips the `dark` class on <html>; the reference follows it (only on a real change, so
    // classes the reference itself may set never loop back into it).
    let dark = isDark();
    const theme = new MutationObserver(() => {
      if (isDark() === dark) return;
      dark = isDark();
      instance?.updateConfiguration(configuration(specUrl));
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    if (window.Scalar) mount();
    else {
      const script = document.createElement("script");
      script.src = bundleUrl;
      script.async = true;
      script.addEventListener("load", mount, { once: true });
      document.head.append(script);
    }
    return () => {
      cancelled = true;
      theme.disconnect();
      instance?.destroy();
    };
  }, [specUrl, bundleUrl]);
  return <div ref={container} data-testid="api-reference" className="min-h-[60vh]" />;
}
