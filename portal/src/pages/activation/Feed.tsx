import { ActionIcon, Anchor, Card, Indicator, Popover, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBell } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { canUse } from "../../auth/roles";
import { useSignedIn } from "../../auth/session";
import { useFormat } from "../../i18n/format";
import { ACTIVATION_KEY, FEED_KEY, type FeedItem, useActivationFeed } from "./model";
import { StageStatusBadge } from "./StageCard";

const SEEN_KEY = "charla.activation.seenAt";

function FeedEntry({ item }: { item: FeedItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={2} py={4} data-testid="feed-item">
      <Text size="sm" fw={600}>
        {t(`activation.stage.${item.stage}`)} <StageStatusBadge status={item.toStatus} />
      </Text>
      <Text size="sm">
        {t(item.messageKey.replace(/^activation\.next\./, "activationNext."), { defaultValue: item.message })}
      </Text>
      {item.reasons.length > 0 ? (
        <Text size="xs" c="red.9">
          {t("activation.reasons")}: {item.reasons.join("; ")}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {format.dateTime(item.at)}
      </Text>
    </Stack>
  );
}

/** The tenant's activation notifications on the tracker page. */
export function ActivationFeed() {
  const { t } = useTranslation();
  const feed = useActivationFeed();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("activation.feed.title")}
      </Title>
      {(feed.data ?? []).map((item) => (
        <FeedEntry key={item.id} item={item} />
      ))}
    </Card>
  );
}

/** Live activation events (the realtime stream) refresh the tracker and the feed as they happen. */
function useLiveActivation(enabled: boolean) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/v1/events/stream");
    const refresh = (event: MessageEvent) => {
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
      // What just happened, in a corner toast: the stage, its new status and what to do now.
      const data = (
        JSON.parse(event.data) as {
          data: { stage?: string; to?: string; nextAction?: { key: string; text: string } };
        }
      ).data;
      if (data.stage && data.to && data.nextAction) {
        notifications.show({
          color: data.to === "rejected" ? "red" : "teal",
          title: `${t(`activation.stage.${data.stage}`)}: ${t(`activation.status.${data.to}`)}`,
          message: (
            <Text size="sm" c="dark.7">
              {t(data.nextAction.key.replace(/^activation\.next\./, "activationNext."), {
                defaultValue: data.nextAction.text,
              })}
            </Text>
          ),
          closeButtonProps: { "aria-label": t("app.close") },
        });
      }
    };
    source.addEventListener("activation.stage_updated", refresh);
    source.addEventListener("activation.completed", refresh);
    // The platform enabled or rejected the account's notifications: its state on the pages changes.
    source.addEventListener("whatsapp_account.notifications_updated", () => {
      void queryClient.invalidateQueries({ queryKey: ["whatsapp-accounts"] });
    });
    return () => source.close();
  }, [enabled, queryClient, t]);
}

/** The header's bell: a count of activation notifications not seen yet, and the list. */
export function ActivationBell() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const allowed = session.user.role !== "platform_admin" && canUse(session.user.role, "activation");
  const feed = useActivationFeed(allowed);
  useLiveActivation(allowed);
  const [seenAt, setSeenAt] = useState(() => localStorage.getItem(SEEN_KEY) ?? "");
  const items = feed.data ?? [];
  if (!allowed || items.length === 0) return null;
  const unseen = items.filter((item) => item.at > seenAt).length;
  const markSeen = () => {
    const latest = items[0]?.at ?? "";
    localStorage.setItem(SEEN_KEY, latest);
    setSeenAt(latest);
  };
  return (
    <Popover width={340} position="bottom-end" shadow="md" onClose={markSeen}>
      <Popover.Target>
        <ActionIcon variant="subtle" size="lg" aria-label={t("activation.feed.bell", { count: unseen })}>
          <Indicator label={unseen} size={16} disabled={unseen === 0} color="red.9">
            <IconBell size={20} />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={0}>
          {items.slice(0, 5).map((item) => (
            <FeedEntry key={item.id} item={item} />
          ))}
          <Anchor component={Link} to="/activation" size="sm" pt="xs">
            {t("activation.feed.all")}
          </Anchor>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
