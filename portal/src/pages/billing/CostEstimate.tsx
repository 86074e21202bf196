import { Alert, Group, Loader, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { answer, useMoney } from "./shared";
import type { Estimate } from "./types";

export interface CostEstimateProps {
  /** The sending number (Charla's id or Meta's); the tenant's first number when absent. */
  phoneNumberId?: string | null;
  /** The recipient's phone, E.164. */
  to: string;
  /** A template message (its category sets the price), else a message of `type` (service). */
  template?: { name: string; language: string } | null;
  type?: string;
}

/**
 * What a message about to be sent will cost (Meta's cost + the platform's markup), or why it is
 * free, from POST /v1/billing/estimate. Self-contained: mount it beside any send button.
 */
export function CostEstimate({ phoneNumberId, to, template, type = "text" }: CostEstimateProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const [debouncedTo] = useDebouncedValue(to.trim(), 400);
  const body = {
    to: debouncedTo,
    ...(phoneNumberId ? { from: phoneNumberId } : {}),
    ...(template ? { template } : { type }),
  };
  const estimate = useQuery({
    queryKey: ["billing", "estimate", body],
    queryFn: () => answer<Estimate>(api.POST("/v1/billing/estimate", { body })),
    enabled: /^\+?\d{8,15}$/.test(debouncedTo),
    retry: false,
  });
  if (!estimate.isEnabled) return null;
  if (estimate.isPending)
    return (
      <Group gap="xs">
        <Loader size="xs" aria-label={t("billing.estimating")} />
        <Text size="sm" c="dimmed">
          {t("billing.estimating")}
        </Text>
      </Group>
    );
  if (estimate.isError)
    return (
      <Text size="sm" c="dimmed" role="status">
        {t("billing.estimateUnavailable")}
      </Text>
    );
  const data = estimate.data;
  const where = `${t(`billing.categories.${data.category}`)} · ${data.marketName}`;
  let text: string;
  let color = "teal";
  if (!data.billable) text = t(`billing.free.${data.type}`);
  else if (!data.enforced) text = t("billing.notBilled");
  else if (!data.rateAvailable || data.total === null) {
    text = t("billing.noRate");
    color = "orange";
  } else
    text = t("billing.estimate", {
      total: money(data.total, data.currency, true),
      cost: money(data.metaCost, data.currency, true),
      markup: money(data.markup, data.currency, true),
    });
  return (
    <Alert color={color} variant="light" role="status" aria-live="polite" title={t("billing.estimateTitle")}>
      <Text size="sm" fw={600}>
        {text}
      </Text>
      <Text size="xs" c="dimmed">
        {where}
      </Text>
    </Alert>
  );
}
