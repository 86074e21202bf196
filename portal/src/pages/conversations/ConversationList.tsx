import {
  Badge,
  Button,
  Group,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { QueryState } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { type Agent, type ConversationStatus, contactName, fetchTeams, inboxKeys } from "./inbox-api";

export interface ListFilters {
  assignee: "all" | "me" | "none";
  status: ConversationStatus | "all";
  teamId: string | null;
  label: string;
  phoneNumberId: string | null;
  q: string;
}

export const DEFAULT_FILTERS: ListFilters = {
  assignee: "all",
  status: "open",
  teamId: null,
  label: "",
  phoneNumberId: null,
  q: "",
};

function useNumbers() {
  return useQuery({
    queryKey: ["inbox", "numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
    staleTime: 5 * 60_000,
  });
}

function Filters({ filters, onChange }: { filters: ListFilters; onChange(next: ListFilters): void }) {
  const { t } = useTranslation();
  const teams = useQuery({ queryKey: inboxKeys.teams, queryFn: fetchTeams, staleTime: 60_000 });
  const numbers = useNumbers();
  const set = (patch: Partial<ListFilters>) => onChange({ ...filters, ...patch });
  return (
    <Stack gap={6}>
      <TextInput
        leftSection={<IconSearch size={16} aria-hidden />}
        aria-label={t("inbox.search")}
        placeholder={t("inbox.search")}
        value={filters.q}
        onChange={(event) => set({ q: event.currentTarget.value })}
        size="sm"
      />
      <Group gap={6} grow wrap="nowrap">
        <Select
          size="xs"
          aria-label={t("inbox.filterAssignee")}
          data={[
            { value: "all", label: t("inbox.filter.all") },
            { value: "me", label: t("inbox.filter.mine") },
            { value: "none", label: t("inbox.filter.unassigned") },
          ]}
          value={filters.assignee}
          onChange={(value) => set({ assignee: (value ?? "all") as ListFilters["assignee"] })}
          allowDeselect={false}
        />
        <Select
          size="xs"
          aria-label={t("inbox.filterStatus")}
          data={(["all", "open", "pending", "snoozed", "resolved"] as const).map((status) => ({
            value: status,
            label: status === "all" ? t("inbox.filter.anyStatus") : t(`conversations.${status}`),
          }))}
          value={filters.status}
          onChange={(value) => set({ status: (value ?? "all") as ListFilters["status"] })}
          allowDeselect={false}
        />
      </Group>
      <Group gap={6} grow wrap="nowrap">
        <Select
          size="xs"
          aria-label={t("inbox.filterTeam")}
          placeholder={t("inbox.filter.anyTeam")}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={filters.teamId}
          onChange={(value) => set({ teamId: value })}
          clearable
        />
        <Select
          size="xs"
          aria-label={t("inbox.filterNumber")}
          placeholder={t("inbox.filter.anyNumber")}
          data={(numbers.data ?? []).map((number) => ({
            value: number.id,
            label: number.displayPhoneNumber,
          }))}
          value={filters.phoneNumberId}
          onChange={(value) => set({ phoneNumberId: value })}
          clearable
        />
        <TextInput
          size="xs"
          aria-label={t("inbox.filterLabel")}
          placeholder={t("inbox.filter.label")}
          value={filters.label}
          onChange={(event) => set({ label: event.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}

/** The inbox's list: filters, search, and the conversations, most recent first. */
export function ConversationList({
  selectedId,
  agents,
  filters,
  onFilters,
}: {
  selectedId: string | null;
  agents: Agent[];
  filters: ListFilters;
  onFilters(next: ListFilters): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [debounced] = useDebouncedValue(filters, 300);
  const query = {
    ...(debounced.status === "all" ? {} : { status: debounced.status }),
    ...(debounced.assignee === "all" ? {} : { assignee: debounced.assignee }),
    ...(debounced.teamId ? { teamId: debounced.teamId } : {}),
    ...(debounced.phoneNumberId ? { phoneNumberId: debounced.phoneNumberId } : {}),
    ...(debounced.label.trim() ? { label: debounced.label.trim() } : {}),
    ...(debounced.q.trim() ? { q: debounced.q.trim() } : {}),
  };
  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/v1/conversations", { params: { query: { ...query, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }}>
      <Stack gap={6} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Filters filters={filters} onChange={onFilters} />
      </Stack>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <QueryState query={list} empty={(data) => data.pages[0]?.data.length === 0}>
          {(data) => (
            <nav aria-label={t("inbox.list")}>
              {data.pages
                .flatMap((page) => page.data)
                .map((conversation) => (
                  <UnstyledButton
                    key={conversation.id}
                    component={Link}
                    to={`/conversations/${conversation.id}`}
                    display="block"
                    p="xs"
                    aria-current={conversation.id === selectedId ? "page" : undefined}
                    bg={conversation.id === selectedId ? "teal.0" : undefined}
                    style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text fw={conversation.unreadCount ? 700 : 500} lineClamp={1}>
                        {contactName(conversation.contact)}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                        {format.dateTime(conversation.lastMessageAt)}
                      </Text>
                    </Group>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" c="dimmed" lineClamp={1}>
                        {conversation.lastMessagePreview ?? "—"}
                      </Text>
                      {conversation.unreadCount > 0 ? (
                        <Badge
                          color="teal"
                          size="sm"
                          aria-label={t("inbox.unreadCount", { count: conversation.unreadCount })}
                        >
                          {format.number(conversation.unreadCount)}
                        </Badge>
                      ) : null}
                    </Group>
                    <Group gap={4} mt={2}>
                      <Badge size="xs" variant="light" color="gray">
                        {t(`conversations.${conversation.status}`)}
                      </Badge>
                      <Badge size="xs" variant="light" color={conversation.assigneeId ? "blue" : "orange"}>
                        {conversation.assigneeId
                          ? (names.get(conversation.assigneeId) ?? "—")
                          : t("inbox.unassigned")}
                      </Badge>
                      {conversation.labels.map((label) => (
                        <Badge key={label} size="xs" variant="outline">
                          {label}
                        </Badge>
                      ))}
                    </Group>
                  </UnstyledButton>
                ))}
              {list.hasNextPage ? (
                <Button
                  variant="subtle"
                  fullWidth
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                >
                  {t("app.loadMore")}
                </Button>
              ) : null}
            </nav>
          )}
        </QueryState>
      </ScrollArea>
    </Stack>
  );
}
