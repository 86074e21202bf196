import { Anchor, Badge, Card, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useSignedIn } from "../../auth/session";
import { PageHeader, QueryState } from "../../components/page";
import { BusinessProfile } from "./BusinessProfile";
import { HealthHistory, HealthStatus } from "./HealthHistory";
import { type NumberStatus, useNumberStatus } from "./lifecycle";
import { QualityBadge } from "./NumbersPage";
import { DisplayNameChange, Registration } from "./Registration";

function Statuses({ number }: { number: NumberStatus }) {
  const { t } = useTranslation();
  const items: [string, string | null | undefined][] = [
    ["numberLife.codeVerification", number.meta.code_verification_status],
    ["numberLife.nameStatusLabel", number.meta.name_status ?? number.nameStatus],
    ["numberLife.metaStatus", number.meta.status],
    ["numbers.tier", number.messagingLimitTier],
  ];
  return (
    <Card withBorder>
      <Group gap="lg" wrap="wrap">
        {items.map(([label, value]) => (
          <Stack key={label} gap={2}>
            <Text size="xs" c="dimmed">
              {t(label)}
            </Text>
            <Badge variant="light" color="gray" data-testid={label}>
              {value ?? "—"}
            </Badge>
          </Stack>
        ))}
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t("numbers.quality")}
          </Text>
          <QualityBadge value={number.qualityRating} />
        </Stack>
      </Group>
    </Card>
  );
}

/** One number's life cycle: statuses and health at Meta, registration, display name, profile, history. */
export default function NumberDetail() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const session = useSignedIn();
  const canAct = ["tenant_admin", "platform_admin"].includes(session.user.role);
  const status = useNumberStatus(id);
  return (
    <>
      <Anchor component={Link} to="/numbers" size="sm">
        {t("app.back")}
      </Anchor>
      <QueryState query={status}>
        {(number) => (
          <Stack gap="lg">
            <PageHeader title={`${number.displayPhoneNumber} · ${number.verifiedName}`} />
            <Statuses number={number} />
            <HealthStatus number={number} />
            <HealthHistory number={number} />
            {canAct ? (
              <>
                <Registration number={number} />
                <DisplayNameChange number={number} />
                <BusinessProfile id={number.id} />
              </>
            ) : null}
          </Stack>
        )}
      </QueryState>
    </>
  );
}
