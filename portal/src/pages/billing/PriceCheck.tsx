import { Card, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { CostEstimate } from "./CostEstimate";

const TEXT = "__text__";

/** What a message would cost before sending it: a number, a recipient and a template (or a text). */
export function PriceCheck() {
  const { t } = useTranslation();
  const [numberId, setNumberId] = useState<string | null>(null);
  const [to, setTo] = useState("");
  const [template, setTemplate] = useState<string>(TEXT);
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });
  const templates = useQuery({
    queryKey: ["templates", "approved"],
    queryFn: () =>
      unwrap(api.GET("/v1/templates", { params: { query: { status: "approved", limit: 100 } } })),
  });
  const templateOptions = [
    { value: TEXT, label: t("billing.textMessage") },
    ...(templates.data?.data ?? []).map((row) => ({
      value: `${row.name}|${row.language}`,
      label: `${row.name} (${row.language})`,
    })),
  ];
  const [name, language] = template === TEXT ? [] : template.split("|");
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("billing.priceCheck")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("billing.priceCheckIntro")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t("billing.fromNumber")}
            placeholder={t("billing.firstNumber")}
            clearable
            data={(numbers.data ?? []).map((n) => ({ value: n.id, label: n.displayPhoneNumber }))}
            value={numberId}
            onChange={setNumberId}
          />
          <TextInput
            label={t("billing.recipient")}
            placeholder="+5491155550000"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
          />
          <Select
            label={t("billing.template")}
            data={templateOptions}
            value={template}
            onChange={(value) => setTemplate(value ?? TEXT)}
            allowDeselect={false}
            searchable
          />
        </SimpleGrid>
        <CostEstimate
          phoneNumberId={numberId}
          to={to}
          template={name && language ? { name, language } : null}
        />
      </Stack>
    </Card>
  );
}
