import { Alert, Badge, Button, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { areaProblem } from "./model";

interface Finding {
  code: string;
  severity: "block" | "warn";
  message: string;
}

/** Each finding of the pre-check, in the user's language when the portal knows the rule. */
export function DisplayNameFindings({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0)
    return (
      <Text size="sm" c="teal.9" data-testid="display-name-ok">
        {t("activation.displayName.noFindings")}
      </Text>
    );
  return (
    <List spacing={6} size="sm" data-testid="display-name-findings">
      {findings.map((finding) => (
        <List.Item key={finding.code}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge
              color={finding.severity === "block" ? "red" : "yellow"}
              variant="light"
              style={{ flexShrink: 0 }}
            >
              {t(`activation.displayName.severity.${finding.severity}`)}
            </Badge>
            <Text size="sm">
              {t(`displayNameFindings.${finding.code}`, { defaultValue: finding.message })}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * A display name checked against Meta's rules as it is typed (each finding explained), then sent
 * with `onSubmit` when nothing blocks it.
 */
export function DisplayNameCheck({
  initial = "",
  business,
  submitLabel,
  onSubmit,
  pending,
  error,
}: {
  initial?: string;
  business?: { legalName?: string; website?: string };
  submitLabel: string;
  onSubmit: (displayName: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [debounced] = useDebouncedValue(name, 300);
  const check = useQuery({
    queryKey: ["display-name-check", debounced, business?.legalName, business?.website],
    enabled: debounced.length > 0,
    queryFn: async () =>
      (await unwrap(
        api.POST("/v1/display-names/check", {
          body: {
            displayName: debounced,
            ...(business?.legalName ? { legalName: business.legalName } : {}),
            ...(business?.website ? { website: business.website } : {}),
          },
        }),
      )) as unknown as { ok: boolean; findings: Finding[] },
  });
  const ready = check.data !== undefined && debounced === name && !check.isFetching;
  return (
    <Stack gap="xs">
      <TextInput
        label={t("activation.displayName.label")}
        description={t("activation.displayName.help")}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      {ready && check.data ? <DisplayNameFindings findings={check.data.findings} /> : null}
      {error ? (
        <Alert color="red" role="alert" variant="light">
          {areaProblem(t, error, "activationProblems")}
        </Alert>
      ) : null}
      <Button
        w="fit-content"
        disabled={!ready || !check.data?.ok}
        loading={pending}
        onClick={() => onSubmit(name)}
      >
        {submitLabel}
      </Button>
    </Stack>
  );
}
