import { Anchor, AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useSession, useSignedIn } from "../auth/session";
import { PageLoader } from "../components/PageLoader";
import { ActivationBell } from "../pages/activation/Feed";
import { LowBalanceBanner } from "../pages/billing/LowBalanceBanner";
import { LanguageSelect } from "./LanguageSelect";
import { navItemsFor } from "./nav";
import { OfflineBanner } from "./OfflineBanner";

/** Header, role-shaped navigation (a drawer on phones) and the current page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { signOut } = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const items = navItemsFor(session.user.role);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("app.openMenu")}
            />
            <Anchor component={Link} to="/" fw={700} size="lg" c="teal.9" underline="never">
              {t("app.name")}
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ActivationBell />
            <LanguageSelect />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("app.name")}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {items.map((item) => (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={t(item.label)}
                active={location.pathname.startsWith(item.path)}
                onClick={close}
              />
            ))}
            <NavLink component="a" href="/docs" label={t("nav.docs")} target="_blank" />
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={4} p="xs">
            <Text size="xs" c="dimmed">
              {t("auth.signedInAs", {
                name: session.user.name,
                role: t(`roles.${session.user.role}`),
                tenant: session.tenant.name,
              })}
            </Text>
            <NavLink component={Link} to="/account" label={t("nav.account")} onClick={close} />
            <NavLink component="button" label={t("nav.signOut")} onClick={() => void signOut()} />
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <OfflineBanner />
        <LowBalanceBanner />
        <div id="main" tabIndex={-1}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
