import { Card, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSignedIn } from "../auth/session";
import { navItemsFor } from "../layout/nav";

export default function Home() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const items = navItemsFor(session.user.role);
  return (
    <>
      <Title order={1} size="h2" mb="xs">
        {t("home.title", { name: session.user.name })}
      </Title>
      <Text c="dimmed" mb="md">
        {t("home.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((item) => (
          <Card
            key={item.path}
            component={Link}
            to={item.path}
            withBorder
            padding="lg"
            className="focus-card"
          >
            <Text fw={600}>{t(item.label)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
