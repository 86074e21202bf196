import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Route, Routes, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../components/page";
import { Margins } from "./Margins";
import { Markups } from "./Markups";
import { RateCards } from "./RateCards";
import { Tenants } from "./Tenants";

const TABS = ["tenants", "rate-cards", "markups", "margins"] as const;

/** The platform admin's billing: wallets and top-ups, rate cards, markups, margins. */
function PlatformBillingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab = "tenants" } = useParams();
  return (
    <>
      <PageHeader title={t("platformBilling.title")} />
      <Tabs
        value={tab}
        onChange={(value) => navigate(`/platform-billing/${value ?? "tenants"}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`platformBilling.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="tenants">
          <Tenants />
        </Tabs.Panel>
        <Tabs.Panel value="rate-cards">
          <RateCards />
        </Tabs.Panel>
        <Tabs.Panel value="markups">
          <Markups />
        </Tabs.Panel>
        <Tabs.Panel value="margins">
          <Margins />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

export default function PlatformBillingRoutes() {
  return (
    <Routes>
      <Route index element={<PlatformBillingPage />} />
      <Route path=":tab" element={<PlatformBillingPage />} />
    </Routes>
  );
}
