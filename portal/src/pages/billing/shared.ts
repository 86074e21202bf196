import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useFormat } from "../../i18n/format";
import type { WalletView } from "./types";

/** Amounts arrive as exact decimal strings ("0.031200"); shown in the user's language, to 6 places when `precise`. */
export function useMoney() {
  const format = useFormat();
  return (amount: string | null | undefined, currency: string | null | undefined, precise = false) =>
    amount == null || !currency
      ? "—"
      : format.money(amount as Intl.StringNumericLiteral, currency, precise ? 6 : undefined);
}

/** An answer of a billing route (declared without a response schema) as the type the page knows. */
export async function answer<T>(result: Parameters<typeof unwrap>[0]): Promise<T> {
  return (await unwrap(result)) as unknown as T;
}

/** The tenant's wallet (shared by the wallet page and the low-balance banner). */
export function useWallet() {
  return useQuery({
    queryKey: ["billing", "wallet"],
    queryFn: () => answer<WalletView>(api.GET("/v1/billing/wallet")),
    staleTime: 60_000,
  });
}

/** "2026-11" for this month and the `count - 1` before it, newest first. */
export function recentMonths(count = 12): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, back) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7),
  );
}

/** The months of `recentMonths` as options labelled in the user's language ("November 2026"). */
export function useMonthOptions(count = 12) {
  const { i18n } = useTranslation();
  const label = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? "en", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return recentMonths(count).map((month) => ({
    value: month,
    label: label.format(new Date(`${month}-01T00:00:00Z`)),
  }));
}
