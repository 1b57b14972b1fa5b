import { ContactLink } from "@/components/contact-link";
import { Banner } from "@/components/ui/banner";

export function PartnerStatusBanner({ status, reason }: { status: string; reason?: string | null }) {
  if (status === "pending") {
    return (
      <div className="mb-6">
        <Banner
          tone="warning"
          testId="partner-pending-banner"
          title="Your partnership is pending approval — an admin will review it"
        >
          Meanwhile you can explore the panel and set your time zone. Creating services and API tokens unlocks once you
          are approved — need it sooner? <ContactLink subject="Partnership approval" /> to get Partnership privileges.
        </Banner>
      </div>
    );
  }
  if (status === "rejected") {
    return (
      <div className="mb-6">
        <Banner tone="error" testId="partner-rejected-banner" title="Your partnership request was declined">
          {reason ? <span className="mb-1 block">Reason: {reason}</span> : null}
          Creating services and API tokens is not available. <ContactLink subject="Declined partnership" /> if you think
          this is a mistake.
        </Banner>
      </div>
    );
  }
  return null;
}
