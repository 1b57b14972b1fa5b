import { Banner } from "@/components/ui/banner";

/** The contract's warning, shown wherever development mode is chosen or its token is shown. */
export function DevelopmentModeWarning() {
  return (
    <Banner tone="warning" title="Development mode is not for production" testId="development-mode-warning">
      Any device presenting the development token below is certified, and no request reaches your A&amp;A service. This
      mode is not safe: use it only for development and testing, and switch to production mode before release.
    </Banner>
  );
}
