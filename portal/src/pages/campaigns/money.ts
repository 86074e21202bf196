import { useMoney, useWallet } from "../billing/shared";

/** Integer micros as an exact decimal string ("1.250000"), so the formatter never sees a float. */
export function microsDecimal(value: number): Intl.StringNumericLiteral {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}` as Intl.StringNumericLiteral;
}

/**
 * Campaign amounts as money in the tenant's currency (its wallet's, or the one the estimate was made
 * in) and the user's locale, with billing's formatter; "—" when the tenant has no billing currency.
 */
export function useCampaignMoney() {
  const money = useMoney();
  const { data: wallet } = useWallet();
  const walletCurrency = wallet?.enforced ? wallet.currency : null;
  return (amount: string | null | undefined, currency?: string | null, precise = false) =>
    money(amount, currency ?? walletCurrency, precise);
}
