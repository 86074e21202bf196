import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Route, Routes, useNavigate, useParams } from "react-router";
import { PageHeader, QueryState } from "../../components/page";
import { Ledger } from "./Ledger";
import { Spend } from "./Spend";
import { useWallet } from "./shared";
import { Wallet } from "./Wallet";

const TABS = ["wallet", "ledger", "spend"] as const;

function BillingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab = "wallet" } = useParams();
  const wallet = useWallet();
  return (
    <>
      <PageHeader title={t("billing.title")} />
      <QueryState query={wallet}>
        {(data) =>
          !data.enforced ? (
            <Wallet />
          ) : (
            <Tabs
              value={tab}
              onChange={(value) => navigate(`/billing/${value ?? "wallet"}`)}
              keepMounted={false}
            >
              <Tabs.List mb="md">
                {TABS.map((value) => (
                  <Tabs.Tab key={value} value={value}>
                    {t(`billing.tabs.${value}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="wallet">
                <Wallet />
              </Tabs.Panel>
              <Tabs.Panel value="ledger">
                <Ledger currency={data.currency} />
              </Tabs.Panel>
              <Tabs.Panel value="spend">
                <Spend currency={data.currency} />
              </Tabs.Panel>
            </Tabs>
          )
        }
      </QueryState>
    </>
  );
}

export default function BillingRoutes() {
  return (
    <Routes>
      <Route index element={<BillingPage />} />
      <Route path=":tab" element={<BillingPage />} />
    </Routes>
  );
}
