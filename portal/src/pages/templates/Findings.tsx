import { Badge, List, Stack, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PolicyFinding } from "../../api/types";

/** The text with every finding's matched words marked (red blocks, yellow warnings). */
export function HighlightedText({ text, findings }: { text: string; findings: PolicyFinding[] }) {
  const marks = findings.filter((f) => f.match);
  if (marks.length === 0) return <>{text}</>;
  const pattern = new RegExp(
    `(${marks.map((f) => f.match!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`,
    "gi",
  );
  const parts: ReactNode[] = text.split(pattern).map((part, i) => {
    const finding = marks.find((f) => f.match!.toLowerCase() === part.toLowerCase());
    const key = `${i}-${part}`;
    if (!finding) return <Fragment key={key}>{part}</Fragment>;
    return (
      <mark key={key} className={`finding-${finding.severity}`} title={finding.message}>
        {part}
      </mark>
    );
  });
  return <>{parts}</>;
}

export function FindingsList({ findings }: { findings: PolicyFinding[] | null }) {
  const { t } = useTranslation();
  if (!findings || findings.length === 0) return <Text c="dimmed">{t("review.noFindings")}</Text>;
  return (
    <List spacing="xs" listStyleType="none" p={0}>
      {findings.map((finding) => (
        <List.Item key={`${finding.path}-${finding.rule}-${finding.match ?? ""}`}>
          <Stack gap={2}>
            <Badge color={finding.severity === "block" ? "red" : "yellow"} variant="light" w="fit-content">
              {t(`review.severity.${finding.severity}`)}
            </Badge>
            <Text size="sm">
              {finding.message}
              {finding.match ? ` («${finding.match}»)` : ""}
            </Text>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
