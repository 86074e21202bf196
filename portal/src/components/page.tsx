import { Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "./problem";

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions ? <Group gap="xs">{actions}</Group> : null}
    </Group>
  );
}

/** Loading, error (with retry) and empty states around a query's data. */
export function QueryState<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="xs">
        <ProblemAlert error={query.error} />
        <Button variant="light" w="fit-content" onClick={() => void query.refetch()}>
          {t("app.retry")}
        </Button>
      </Stack>
    );
  }
  if (empty?.(query.data)) {
    return (
      <Text c="dimmed" py="md">
        {t("app.empty")}
      </Text>
    );
  }
  return <>{children(query.data)}</>;
}

/** A table that scrolls sideways on phones; focusable so keyboard users can scroll it too. */
export function TableScroll({ label, children }: { label?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** "Load more" under a paged list, while the infinite query has another page. */
export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button variant="subtle" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
      {t("app.loadMore")}
    </Button>
  );
}
