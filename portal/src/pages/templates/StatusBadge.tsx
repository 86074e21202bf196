import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TemplateStatus } from "../../api/types";

const COLORS: Record<TemplateStatus, string> = {
  draft: "gray",
  in_review: "blue",
  policy_rejected: "red",
  pending: "yellow",
  approved: "teal",
  rejected: "red",
  paused: "orange",
  disabled: "dark",
};

export function StatusBadge({ status }: { status: TemplateStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" data-status={status}>
      {t(`templates.statuses.${status}`)}
    </Badge>
  );
}
