import { useTranslation } from "react-i18next";

/** Dates, numbers and money in the user's language (es, en, pt) with Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "en";
  return {
    dateTime(value: string | Date | null | undefined): string {
      if (!value) return "—";
      return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(value),
      );
    },
    date(value: string | Date | null | undefined): string {
      if (!value) return "—";
      return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));
    },
    number(value: number | null | undefined): string {
      return value == null ? "—" : new Intl.NumberFormat(locale).format(value);
    },
    /**
     * An amount as a number or an exact decimal string ("19.955000", formatted without going through
     * a float); `maximumFractionDigits` shows per-message prices finer than a cent (0.0312).
     */
    money(
      amount: number | Intl.StringNumericLiteral,
      currency: string,
      maximumFractionDigits?: number,
    ): string {
      return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits }).format(
        amount,
      );
    },
  };
}
