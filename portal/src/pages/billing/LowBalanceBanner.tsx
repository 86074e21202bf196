import { Alert, Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { canUse } from "../../auth/roles";
import { useSignedIn } from "../../auth/session";
import { useMoney, useWallet } from "./shared";

/** Across the portal while the wallet is below its low-balance threshold (sends may soon be refused). */
export function LowBalanceBanner() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const money = useMoney();
  const wallet = useWallet();
  const data = wallet.data;
  if (!data?.enforced || !data.lowBalance) return null;
  return (
    <Alert color="orange" role="status" radius={0} mb="md" title={t("billing.lowBalanceTitle")}>
      {t("billing.lowBalanceBanner", {
        balance: money(data.balance, data.currency),
        threshold: money(data.lowBalanceThreshold, data.currency),
      })}{" "}
      {canUse(session.user.role, "billing") && (
        <Anchor component={Link} to="/billing" inherit>
          {t("billing.openWallet")}
        </Anchor>
      )}
    </Alert>
  );
}
