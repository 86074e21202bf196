import type { Role } from "../api/auth";
import { type Area, canUse } from "../auth/roles";

type NavItem = { area: Area; path: string; label: string; hiddenFor?: readonly Role[] };

/** The navigation, in order; each entry shows only to roles that may use its area. */
export const NAV_ITEMS: NavItem[] = [
  { area: "analytics", path: "/analytics", label: "analytics.nav" },
  { area: "platform", path: "/platform", label: "platform.nav" },
  { area: "review", path: "/review", label: "nav.review" },
  // A platform admin follows every tenant's activation on /platform ("Activations"); the
  // platform tenant's own activation page would only be a second, confusing entry.
  { area: "activation", path: "/activation", label: "activation.nav", hiddenFor: ["platform_admin"] },
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

/** The entries a role sees: one per thing it does, none it may not use. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => canUse(role, item.area) && !item.hiddenFor?.includes(role));
}
