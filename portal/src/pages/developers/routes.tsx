import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Route, Routes, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../components/page";
import { ApiKeys } from "./ApiKeys";
import { EventCatalogue } from "./EventCatalogue";
import { Sandbox } from "./Sandbox";
import { Webhooks } from "./Webhooks";

const TABS = ["keys", "webhooks", "events", "sandbox"] as const;

function DevelopersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab = "keys" } = useParams();
  const labels = {
    keys: t("developers.apiKeys"),
    webhooks: t("developers.webhooks"),
    events: t("developers.eventCatalogue"),
    sandbox: t("developers.sandbox"),
  };
  return (
    <>
      <PageHeader title={t("developers.title")} />
      <Tabs value={tab} onChange={(value) => navigate(`/developers/${value ?? "keys"}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {labels[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="keys">
          <ApiKeys />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <Webhooks />
        </Tabs.Panel>
        <Tabs.Panel value="events">
          <EventCatalogue />
        </Tabs.Panel>
        <Tabs.Panel value="sandbox">
          <Sandbox />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

export default function DevelopersRoutes() {
  return (
    <Routes>
      <Route index element={<DevelopersPage />} />
      <Route path=":tab" element={<DevelopersPage />} />
    </Routes>
  );
}
