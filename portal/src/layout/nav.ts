import type { Area } from "../auth/roles";

/** The navigation, in order; each entry shows only to roles that may use its area. */
export const NAV_ITEMS: { area: Area; path: string; label: string }[] = [
  { area: "platform", path: "/platform", label: "platform.nav" },
  { area: "review", path: "/review", label: "nav.review" },
  { area: "activation", path: "/activation", label: "activation.nav" },
  { area: "numbers", path: "/numbers", label: "nav.numbers" },
  { area: "templates", path: "/templates", label: "nav.templates" },
  { area: "contacts", path: "/contacts", label: "nav.contacts" },
  { area: "audiences", path: "/audiences", label: "audiences.nav" },
  { area: "campaigns", path: "/campaigns", label: "campaigns.nav" },
  { area: "conversations", path: "/conversations", label: "nav.conversations" },
  { area: "bots", path: "/bots", label: "bots.nav" },
  { area: "developers", path: "/developers", label: "nav.developers" },
  { area: "audit", path: "/audit", label: "nav.audit" },
  { area: "users", path: "/users", label: "nav.users" },
  { area: "billing", path: "/billing", label: "billing.nav" },
  { area: "platformBilling", path: "/platform-billing", label: "platformBilling.nav" },
];
