import { Center, Group, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageSelect } from "../../layout/LanguageSelect";
import { OfflineBanner } from "../../layout/OfflineBanner";

/** The frame of the pages one sees signed out: a centred card with the language switch. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <OfflineBanner />
      <Center mih="100vh" p="md" component="main">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
          <Stack>
            <Group justify="space-between" wrap="nowrap" align="start">
              <Title order={1} size="h3">
                {title}
              </Title>
              <LanguageSelect />
            </Group>
            {children}
          </Stack>
        </Paper>
      </Center>
    </>
  );
}
