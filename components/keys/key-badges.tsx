import type { KeyEnvironment } from "@prisma/client";
import type { KeyStatus } from "@/lib/keys/status";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<KeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  expired: { label: "Expired", tone: "zinc" },
  revoked: { label: "Revoked", tone: "red" },
};

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

export function KeyEnvironmentBadge({ environment }: { environment: KeyEnvironment }) {
  return <Badge tone={environment === "live" ? "indigo" : "sky"}>{environment}</Badge>;
}
